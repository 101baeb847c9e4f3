/** One message of a case thread, as both the resident and the staff case pages show it. */
export type CaseMessage = { id: string; fromStaff: boolean; kind: string; body: string; at: string | Date; files: { id: string; filename: string }[] };

/**
 * The message thread of a case. The two pages differ only in their words (the city / me,
 * the team / the resident) and file links, so those come in as labels.
 */
export function CaseMessageList({
  messages,
  sender,
  kindLabel,
  downloadLabel,
  fileHref,
  formatDate,
}: {
  messages: CaseMessage[];
  sender: (fromStaff: boolean) => string;
  kindLabel: (kind: string) => string | undefined;
  downloadLabel: (filename: string) => string;
  fileHref: (fileId: string) => string;
  formatDate: (at: Date) => string;
}) {
  return (
    <ol className="messages">
      {messages.map((m) => {
        const kind = kindLabel(m.kind);
        return (
          <li key={m.id} className={m.fromStaff ? "message message-staff" : "message message-mine"}>
            <p className="muted">
              {sender(m.fromStaff)} · {formatDate(new Date(m.at))}
              {kind ? ` · ${kind}` : ""}
            </p>
            <p className="pre-line">{m.body}</p>
            {m.files.length ? (
              <ul>
                {m.files.map((f) => (
                  <li key={f.id}>
                    <a href={fileHref(f.id)}>{downloadLabel(f.filename)}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
