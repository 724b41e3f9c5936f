// A TTF from an npm package for the fallback-font tests: Thai, a script Noto Sans SC lacks.
export const THAI_FONT =
  require.resolve('@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf');
