/** The leads' record action the lead page reads its timeline from (resources/lead-timeline-action.ts): named once for the server and the page. */
export const TIMELINE_ACTION = 'timeline';
