import React, { useEffect } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { useTranslation, type NoticeMessageInState, type ReduxState } from 'adminjs';
import { Box, Button, Icon, MessageBox, cssClass } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';
import { NOTICE_SHOWN_MS, isError, sortNotices } from './notice-rules.js';

// AdminJS's own action: its creator, dropNotice, is not in the AdminJS global the browser's components get.
const dropNotice = (noticeId: string) => ({ type: 'DROP_NOTICE', data: { noticeId } });

// Fixed, not AdminJS's absolute: its box scrolls with the page, so a notice after Save at the foot of a long form landed out of sight.
const Stack = styled(Box)`
  position: fixed;
  top: 0;
  left: 0;
  right: 0;
  margin: 0 auto;
  width: min(100%, 520px);
  box-sizing: border-box;
  display: flex;
  flex-direction: column;
  gap: 4px;
  pointer-events: none;
`;

// The close button is ours, not MessageBox's, which has an icon and no name: a screen reader announced it as "button".
const Item = styled(Box)`
  position: relative;
  max-width: 100%;
  pointer-events: auto;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.16);
  border-radius: 4px;
  & .${cssClass('MessageBox')} > div { padding-right: 56px; overflow-wrap: anywhere; }
  & > button { position: absolute; top: 50%; right: 12px; transform: translateY(-50%); }
`;

function Notice({ notice }: { notice: NoticeMessageInState }) {
  const dispatch = useDispatch();
  const { tm } = useTranslation();
  const error = isError(notice);
  const variant = error ? 'danger' : notice.type === 'success' ? 'success' : 'info';
  const close = () => dispatch(dropNotice(notice.id));
  // One timer per notice, keyed on its id: AdminJS's interval restarted on every re-render and read a stale count.
  useEffect(() => {
    if (error) return undefined;
    const timer = window.setTimeout(() => dispatch(dropNotice(notice.id)), NOTICE_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [notice.id, error, dispatch]);
  return (
    <Item role={error ? 'alert' : 'status'} data-notice-type={notice.type ?? 'info'}>
      <MessageBox message={tm(notice.message, notice.resourceId, notice.options)} variant={variant}>{notice.body}</MessageBox>
      <Button type="button" variant="text" size="icon" rounded color={variant} onClick={close} aria-label="Close this message" title="Close">
        <Icon icon="X" />
      </Button>
    </Item>
  );
}

/**
 * AdminJS's NoticeBox, replaced: a success or info notice supersedes the
 * errors before it (see notice-rules.ts), goes by itself after a few seconds
 * on a timer of its own, and an error stays until it is closed or superseded.
 * At most the newest few are shown, each within the screen's width (AdminJS
 * set 480 px as a minimum, wider than a phone).
 */
export default function NoticeBox() {
  const notices = useSelector((state: ReduxState) => state.notices);
  const dispatch = useDispatch();
  const { shown, dropped } = sortNotices(notices);
  useEffect(() => {
    for (const notice of dropped) dispatch(dropNotice(notice.id));
  }, [dropped.map((n) => n.id).join(' '), dispatch]);
  if (!shown.length) return null;
  return (
    <Stack data-testid="notice-wrapper" data-css="notice-wrapper" p="sm">
      {shown.map((notice) => <Notice key={notice.id} notice={notice} />)}
    </Stack>
  );
}
