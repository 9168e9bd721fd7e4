import type { SignoffArticle, SignoffRoundView } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { queryKeys } from '../../api/queryKeys.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { Block } from '../history/DiffView.tsx'
import { fetchArticles } from '../history/api.ts'

/**
 * An open round's text article by article (SIGN14): what changed in each since the adopted text (a
 * word diff), which articles this round asks to approve, who approved each (kept from the adopted
 * round when unchanged); a representative approves the asked articles one by one.
 */
export function ArticleList(props: {
  round: SignoffRoundView
  workspaceId: string
  /** The partner the reader answers for in this round, if any. */
  myPartnerId: string | null
  approve: (clause: string) => void
}) {
  const { round, workspaceId, myPartnerId, approve } = props
  const { t } = useTranslation()
  const articles = useQuery({
    queryKey: queryKeys.signoffArticles(workspaceId, round.docName, round.id),
    queryFn: () => fetchArticles(workspaceId, round.docName, round.id),
  })
  const partnerName = new Map(round.votes.map((v) => [v.partnerId, v.partnerName]))
  if (articles.error) return <p role="alert">{apiErrorMessage(articles.error, t)}</p>
  if (!articles.data) return <p>{t('signoffArticles.loading')}</p>
  const asked = articles.data.articles.filter((a) => a.needsApproval).length
  return (
    <section className="signoff-articles" aria-labelledby={`articles-${round.id}`}>
      <h4 id={`articles-${round.id}`}>{t('signoffArticles.title')}</h4>
      <p>{t('signoffArticles.summary', { asked, count: articles.data.articles.length })}</p>
      <ol className="signoff-articles__list">
        {articles.data.articles.map((article) => (
          <Article
            key={article.key}
            article={article}
            names={article.approvedBy.map((id) => partnerName.get(id) ?? id)}
            canApprove={round.status === 'open' && myPartnerId !== null && article.needsApproval && !article.approvedBy.includes(myPartnerId)}
            approve={() => approve(article.key)}
            amendment={articles.data.baseRoundId !== null}
          />
        ))}
      </ol>
    </section>
  )
}

function Article(props: { article: SignoffArticle; names: string[]; canApprove: boolean; approve: () => void; amendment: boolean }) {
  const { article, names, canApprove, approve, amendment } = props
  const { t } = useTranslation()
  const title = article.key || t('signoffArticles.untitled')
  // An amendment's changes are read at once; a first adoption's whole text (all new) opens article by
  // article, and is laid out only then: the side panel stays light on a long agreement.
  const [open, setOpen] = useState(amendment)
  return (
    <li className={`signoff-article signoff-article--${article.status}`} aria-label={title}>
      <p className="signoff-article__head">
        <strong>{title}</strong> <span className="signoff-article__status">{t(`signoffArticles.statuses.${article.status}`)}</span>
        {' · '}
        {article.needsApproval ? t('signoffArticles.needsApproval') : t('signoffArticles.kept')}
      </p>
      {article.blocks.length > 0 && (
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{t('signoffArticles.showText')}</summary>
          {open && (
            <div className="diff-view signoff-article__diff">
              {article.blocks.map((block, i) => (
                // Blocks of one article in order; a block's place is its identity here.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole on each read
                <Block key={i} block={block} flat />
              ))}
            </div>
          )}
        </details>
      )}
      {article.omitted > 0 && <p>{t('history.diff.omitted', { count: article.omitted })}</p>}
      <p className="signoff-article__approvals">
        {names.length ? t('signoffArticles.approvedBy', { names: names.join(', ') }) : t('signoffArticles.noApproval')}
      </p>
      {canApprove && (
        <button type="button" onClick={approve}>
          {t('signoffArticles.approve')}
          <span className="visually-hidden"> « {title} »</span>
        </button>
      )}
    </li>
  )
}
