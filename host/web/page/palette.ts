/** The command palette (see feedback/Palette.tsx): what the rest of the page uses of it. */
export { addPageCommands, matchCommands, openPalette, type PageCommand } from './feedback/index.js';
