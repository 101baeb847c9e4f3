/** Task kinds the back office may ask of the front office by hand (shared by server and page). */
export const MANUAL_TASK_KINDS_LIST = ["call-resident", "make-appointment", "send-letter"] as const;
