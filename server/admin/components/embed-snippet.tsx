import React, { useState } from 'react';
import type { ShowPropertyProps } from 'adminjs';
import { Box, Button, Label, MessageBox, Text } from '@adminjs/design-system';
import { copyText } from './copy-text.js';

/** Values of a flattened array param (`allowed_origins.0`, `allowed_origins.1`, ...), in order. */
function arrayParam(params: Record<string, unknown>, name: string): string[] {
  return Object.keys(params)
    .filter((key) => new RegExp(`^${name}\\.\\d+$`).test(key))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map((key) => String(params[key]));
}

/**
 * The site key's page: the exact tag to paste into the partner's site, with a
 * Copy button, and where it will work. The widget is served by this same
 * server, so its address is the admin's own origin.
 */
export default function EmbedSnippet({ record }: ShowPropertyProps) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const area = React.useRef<HTMLTextAreaElement>(null);
  const params = (record?.params ?? {}) as Record<string, unknown>;
  const key = String(params.key ?? '');
  const origins = arrayParam(params, 'allowed_origins');
  const snippet = `<script async src="${window.location.origin}/widget.js" data-key="${key}"></script>`;
  const inactive = params.is_active === false || params.is_active === 'false';

  return (
    <Box mb="xl" data-testid="embed-snippet">
      <Label>Embed code</Label>
      <Text mb="default">Paste this tag into the partner&apos;s page where the quote form should appear.</Text>
      <textarea
        ref={area} readOnly value={snippet} rows={2} aria-label="Embed code" data-testid="embed-snippet-code"
        style={{ width: '100%', fontFamily: 'monospace', fontSize: 13, padding: 8, resize: 'none', boxSizing: 'border-box' }}
        onFocus={(e) => e.currentTarget.select()}
      />
      <Box flex flexDirection="row" alignItems="center" mt="default" style={{ gap: 12 }}>
        <Button type="button" variant="contained" size="sm" onClick={async () => setCopied(await copyText(snippet, area.current))}>Copy</Button>
        {copied === true && <Text as="span" role="status">Copied.</Text>}
        {copied === false && <Text as="span" role="status">Select the code and copy it with Ctrl+C (⌘C).</Text>}
      </Box>
      {origins.length > 0
        ? <Text mt="default" data-testid="embed-snippet-origins">Works on: {origins.join(', ')}.</Text>
        : (
          <MessageBox mt="default" variant="danger" data-testid="embed-snippet-warning"
            message="Browsers will refuse this key until you add an allowed origin." />
        )}
      {inactive && <MessageBox mt="default" variant="warning" message="This key is inactive: the form will not load until it is made active again." />}
    </Box>
  );
}
