import { SocialPost } from "@/components/mdx/social-post";
import type { PublicQuestion } from "@/lib/quiz/public-view";

/** The story before a question, with its mock post when there is one (same look as in lessons). */
export function QuestionScenario({ scenario, locale, label }: { scenario: NonNullable<PublicQuestion["scenario"]>; locale: "it" | "en"; label: string }) {
  return (
    <div className="quiz-scenario">
      <p className="quiz-scenario__label">{label}</p>
      <p>{scenario.text}</p>
      {scenario.post ? (
        <SocialPost
          author={scenario.post.author}
          role={scenario.post.role}
          audience={scenario.post.audience}
          time={scenario.post.time}
          reactions={scenario.post.reactions}
          locale={locale}
        >
          <p>{scenario.post.text}</p>
        </SocialPost>
      ) : null}
    </div>
  );
}
