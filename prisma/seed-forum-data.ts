// Demo content for the forum: Leitthemen, best practices, discussions and questions.
// Every person is invented; organisations and programmes follow shared/research/peers-features.md §4.
import type { TargetGroup, ThreadKind } from "../app/utils/domain.ts";

export type SeedTag = { slug: string; name: string };

export type SeedPost = {
  /** e-mail of a demo user who may reply in the thread's Gremium */
  author: string;
  /** plain text; paragraphs separated by a blank line */
  body: string;
};

export type SeedThread = {
  space: "laenderbeirat" | "laender-round-table" | "mint-regionen";
  kind: ThreadKind;
  title: string;
  author: string;
  body: string;
  tags: string[]; // SeedTag slugs
  daysAgo: number; // when the thread was started
  pinned?: boolean;
  replies: SeedPost[];
  /** for kind "question": index into replies of the accepted answer */
  acceptedReply?: number;
  bestPractice?: {
    laender: string[]; // Land codes, e.g. ["BY"]
    targetGroups: TargetGroup[];
    duration: string;
    funding: string;
    contact: string;
    link: string;
    impact: string;
  };
};

export const TAGS: SeedTag[] = [];
export const THREADS: SeedThread[] = [];
