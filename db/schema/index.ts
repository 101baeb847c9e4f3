export * from "./identity";
export * from "./platform";
export * from "./audit";
export * from "./notify";
export * from "./catalog";
export * from "./cases";
