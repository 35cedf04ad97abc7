#include "events/lexicon.h"

#include <gtest/gtest.h>

#include "events/resources.h"

namespace pactgraph {
namespace events {
namespace {

std::vector<PhraseMatch> FindIn(const PhraseLexicon& lex, const ScannedText& doc) {
  std::vector<PhraseMatch> out;
  lex.FindAll(doc, 0, doc.words().size(), doc.words().size(), &out);
  return out;
}

TEST(ScannedText, SplitsOnHyphensApostrophesAndUnicodePunctuation) {
  WordVocabulary vocab;
  ScannedText doc(
      "KI-Datenzentrum, Microsoft\xE2\x80\x99"
      "s \xE2\x80\x9C"
      "Future Now\xE2\x80\x9D \xC3\x9C"
      "bernahme",
      vocab);
  ASSERT_EQ(doc.words().size(), 7u);
  EXPECT_EQ(doc.Folded(0), "ki");
  EXPECT_EQ(doc.Folded(1), "datenzentrum");
  EXPECT_EQ(doc.Original(2), "Microsoft");
  EXPECT_EQ(doc.Folded(3), "s");
  EXPECT_EQ(doc.Original(4), "Future");
  EXPECT_EQ(doc.Folded(6),
            "\xC3\xBC"
            "bernahme");  // Ü folded to ü
}

TEST(PhraseLexicon, StemsSuffixesAlternativesAndGaps) {
  PhraseLexicon lex;
  ASSERT_TRUE(lex.Add("invest*", 1).ok());
  ASSERT_TRUE(lex.Add("*zentrum", 2).ok());
  ASSERT_TRUE(lex.Add("held ~ talks|discussions", 3).ok());
  ASSERT_TRUE(lex.Add("signed _ deal", 4).ok());
  lex.Compile();
  ScannedText doc("They held closed-door talks and signed a deal; Investments in a Rechenzentrum.",
                  lex.vocabulary());
  std::vector<PhraseMatch> m = FindIn(lex, doc);
  std::vector<int> payloads;
  for (const PhraseMatch& x : m) payloads.push_back(x.payload);
  EXPECT_EQ(payloads, (std::vector<int>{3, 4, 1, 2}));
  EXPECT_EQ(m[0].end_word - m[0].first_word, 4u);  // held closed door talks
}

TEST(PhraseLexicon, AcronymsMatchCaseExactly) {
  PhraseLexicon lex;
  ASSERT_TRUE(lex.Add("AI", 1).ok());
  ASSERT_TRUE(lex.Add("cloud", 2).ok());
  lex.Compile();
  EXPECT_EQ(FindIn(lex, ScannedText("AI and Cloud", lex.vocabulary())).size(), 2u);
  EXPECT_EQ(FindIn(lex, ScannedText("Ai and ai", lex.vocabulary())).size(), 0u);
}

TEST(PhraseLexicon, GapDoesNotRunPastTheLimit) {
  PhraseLexicon lex;
  ASSERT_TRUE(lex.Add("met ~ in", 1).ok());
  lex.Compile();
  ScannedText doc("met them. In Seoul", lex.vocabulary());
  std::vector<PhraseMatch> out;
  lex.FindAll(doc, 0, 2, 2, &out);  // the sentence ends after "them"
  EXPECT_TRUE(out.empty());
}

TEST(PhraseLexicon, RejectsMalformedPatterns) {
  PhraseLexicon lex;
  EXPECT_FALSE(lex.Add("", 1).ok());
  EXPECT_FALSE(lex.Add("~ talks", 1).ok());
  EXPECT_FALSE(lex.Add("a|_ b", 1).ok());
  EXPECT_FALSE(lex.Add("*", 1).ok());
}

TEST(Resources, ErrorsNameFileAndLine) {
  Resources res;
  Status st = ParseResource(
      "triggers.tsv", "#format pactgraph-event-triggers 1\nen\tMEETING\tsym\t-\tmet\nen\tPARTY\tsym\t-\tx\n",
      &res);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("triggers.tsv:3"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("PARTY"), std::string::npos);
  st = ParseResource("cues.tsv", "#format pactgraph-event-cues 9\n", &res);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("version 9"), std::string::npos) << st.message();
  // Version 2 of cues.tsv (new kinds) is read, and so is version 1; triggers stay at 1.
  EXPECT_TRUE(ParseResource("cues.tsv", "#format pactgraph-event-cues 2\nen\tdivest\tsold\n", &res).ok());
  EXPECT_TRUE(ParseResource("cues.tsv", "#format pactgraph-event-cues 1\nen\tpast\thad\n", &res).ok());
  Resources with;
  ASSERT_TRUE(ParseResource("triggers.tsv",
                            "#format pactgraph-event-triggers 3\nde\tMEETING\tsym+with\t-\tins gespräch\n",
                            &with)
                  .ok());
  EXPECT_TRUE(with.triggers[0].needs_with);
  st = ParseResource("triggers.tsv", "#format pactgraph-event-triggers 4\n", &res);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("newer pactgraph"), std::string::npos) << st.message();
  // "+object" marks MEETING verbs that need someone to meet; nothing else takes it.
  Resources objects;
  ASSERT_TRUE(ParseResource("triggers.tsv",
                            "#format pactgraph-event-triggers 2\nen\tMEETING\tsym+object\t-\tmeet\n",
                            &objects)
                  .ok());
  ASSERT_EQ(objects.triggers.size(), 1u);
  EXPECT_TRUE(objects.triggers[0].needs_object);
  st = ParseResource("triggers.tsv", "#format pactgraph-event-triggers 2\nen\tDEAL\tfwd+object\t-\tbuys\n",
                     &res);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("triggers.tsv:2"), std::string::npos) << st.message();
  st = ParseResource("topics.tsv", "AI\tAI\n", &res);
  EXPECT_FALSE(st.ok());
  st = ParseResource("topics.tsv", "#format pactgraph-event-topics 1\n*\tAI\n", &res);
  EXPECT_NE(st.message().find("columns"), std::string::npos) << st.message();
}

TEST(Resources, ShippedDataLoads) {
  StatusOr<Resources> res = LoadResources(std::string(PACTGRAPH_DATA_DIR) + "/events");
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_GT(res->triggers.size(), 50u);
  EXPECT_GE(res->topic_labels.size(), 25u);
  EXPECT_GT(res->en.cues.size(), 10u);
  EXPECT_GT(res->de.anaphora.size(), 2u);
}

}  // namespace
}  // namespace events
}  // namespace pactgraph
