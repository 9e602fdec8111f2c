// G.711 for test audio: the A-law the SIPp far ends stream (rtp_stream files) is made from 16-bit samples here.

/** ITU-T G.711 A-law encoding of one 16-bit sample. */
export function linearToAlaw(sample: number): number {
  const sign = sample < 0 ? 0 : 0x80;
  let magnitude = Math.min(Math.abs(sample), 32635);
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent === 0 ? 4 : exponent + 3)) & 0x0f;
  magnitude = sign | (exponent << 4) | mantissa;
  return (magnitude ^ 0x55) & 0xff;
}
