import React, { useRef, useState } from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import { copyText } from './copy-text.js';

/** A read-only value shown to be copied once (a secret key, a password link), with a Copy button and its outcome. */
export function CopyField({ value, label, what, testId }: { value: string; label: string; what: string; testId: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input} readOnly value={value} aria-label={label} data-testid={testId} onFocus={(e) => e.currentTarget.select()}
        style={{ width: '100%', fontFamily: 'monospace', fontSize: 14, lineHeight: '24px', padding: 8, boxSizing: 'border-box' }}
      />
      <Box flex flexDirection="row" alignItems="center" mt="default" style={{ gap: 12 }}>
        <Button type="button" variant="contained" onClick={async () => setCopied(await copyText(value, input.current))}>Copy</Button>
        {copied === true && <Text as="span" role="status">Copied.</Text>}
        {copied === false && <Text as="span" role="status">Select the {what} and copy it with Ctrl+C (⌘C).</Text>}
      </Box>
    </>
  );
}
