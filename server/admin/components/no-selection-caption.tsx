/**
 * Replaces AdminJS's `SelectedRecords`, the bulk-action caption it draws
 * inside the table, where the table's scroll box clipped it: the list's own
 * selection bar (list/selection-bar.tsx) shows the selection and its actions.
 */
export default function NoSelectionCaption() {
  return null;
}
