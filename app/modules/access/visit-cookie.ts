/**
 * The cookie in which a visitor's phone remembers their visit for check-out at an entrance page
 * (entrance.server.ts). Its own module so the HTTP server can name it without loading the access
 * module: the anonymous page cache never serves or keeps a page for a phone that carries it.
 */
export const ENTRANCE_VISIT_COOKIE = "__mechelaar_visit";
