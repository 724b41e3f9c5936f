// The residents' page as a QR code, drawn in the browser. The encoder is imported when a notice is
// opened (its own chunk), not with the first screen; the image is a data: URL (the CSP allows data: images).

export async function qrDataUrl(text: string): Promise<string> {
  const { toDataURL } = await import('qrcode');
  // Quartile error correction: a notice photographed from a phone screen still reads.
  return toDataURL(text, { errorCorrectionLevel: 'Q', margin: 2, width: 480 });
}
