// Hand a blob: URL to the browser's downloads under a name (files the API gives only to the signed-in:
// a plain link would go without the sign-in). Imported by the office's and the case screens only.

/** Save `url` as `name`; the URL is let go of a minute later, when the download surely has it. */
export function saveAs(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
