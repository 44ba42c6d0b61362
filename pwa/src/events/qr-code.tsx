// The sign-up's QR code, drawn in the browser from its token (the `qr` encoder loads only here).
import encodeQR from 'qr';

/** One SVG path of dark squares: crisp at any size, with a quiet zone of four modules. */
export function QrCode(props: { text: string; label: string }) {
  const rows = encodeQR(props.text, 'raw', { ecc: 'medium', border: 4 });
  let d = '';
  rows.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
  const n = rows.length;
  return (
    <svg class="qr" viewBox={`0 0 ${n} ${n}`} role="img" aria-label={props.label} shape-rendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
