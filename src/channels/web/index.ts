export type { MessageView } from "./message-view.js";
export { createWebApp, type WebAppOptions } from "./web-app.js";
