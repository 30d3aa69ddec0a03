/**
 * Makes a sender's encoder start again from a keyframe. WebRTC offers no call for it outside encoded transforms,
 * but an encoding switched off and on again restarts with one. Used when a P2P connection comes back after an
 * outage: the viewer's decoder cannot use frames that refer to ones lost meanwhile, and Chromium was measured
 * waiting ~1 s for the next keyframe on its own.
 */
export async function restartWithKeyFrame(sender: RTCRtpSender): Promise<void> {
  const before = sender.getParameters();
  if (!before.encodings?.length) return;
  const active = before.encodings.map((encoding) => encoding.active ?? true);
  if (!active.some(Boolean)) return;
  for (const encoding of before.encodings) encoding.active = false;
  await sender.setParameters(before);
  const off = sender.getParameters();
  off.encodings.forEach((encoding, i) => (encoding.active = active[i] ?? true));
  await sender.setParameters(off);
}
