import { useTranslation } from "react-i18next";

export type ArticlePreviewView = { title: string; summary: string; html: string };

/**
 * The editor's server-rendered preview, below the form: the article as residents read it.
 * The HTML comes from markdown-it with html disabled (previewArticle), like the public page.
 */
export function ArticlePreview({ preview, lang }: { preview: ArticlePreviewView; lang: string }) {
  const { t } = useTranslation("knowledge");
  return (
    <section aria-labelledby="voorbeeld-title" className="card" id="voorbeeld">
      <h2 id="voorbeeld-title">{t("editor.previewTitle")}</h2>
      <p className="muted">{t("editor.previewNote")}</p>
      <div className="stack prose mk-article" lang={lang}>
        <p className="h-small">
          <strong>{preview.title}</strong>
        </p>
        <p className="lead">{preview.summary}</p>
        <div className="article-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
      </div>
    </section>
  );
}
