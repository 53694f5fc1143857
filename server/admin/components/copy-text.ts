/**
 * Copies `text`. The Clipboard API exists only in secure contexts (https,
 * localhost); an admin reached over plain http elsewhere falls back to
 * selecting the text and the older copy command.
 */
export async function copyText(text: string, fallback: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* fall through to the selection */ }
  if (!fallback) return false;
  fallback.select();
  return document.execCommand('copy');
}
