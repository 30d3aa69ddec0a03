// screen share: the share tile's view tools and its paused label. A file of their own keeps en.ts and ko.ts
// under the size limit; both tables spread these in.

/** English messages of the screen-share viewer tools. */
export const screenShareEn = {
  'tile.paused': 'Paused',
  'tile.shareAudio': 'Shared sound',
  'tile.shareTools': 'Screen share view',
  'tile.pin': 'Pin to stage',
  'tile.fullscreen': 'Full screen',
  'tile.actualSize': 'Actual pixels',
  'tile.panHint': 'Drag or use the arrow keys to move around the screen',
} as const;

/** Korean messages of the screen-share viewer tools. */
export const screenShareKo: Record<keyof typeof screenShareEn, string> = {
  'tile.paused': '일시 중지됨',
  'tile.shareAudio': '공유된 소리',
  'tile.shareTools': '화면 공유 보기',
  'tile.pin': '크게 고정',
  'tile.fullscreen': '전체 화면',
  'tile.actualSize': '실제 픽셀',
  'tile.panHint': '끌거나 화살표 키로 화면을 이동하세요',
};
