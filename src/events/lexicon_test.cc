#include "events/lexicon.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

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

// The word rule of ScannedText, one character at a time: ASCII letters and
// digits and non-ASCII characters other than punctuation make words.
std::vector<std::string> ReferenceWords(std::string_view t) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  while (i < t.size()) {
    const auto c = static_cast<unsigned char>(t[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    bool word;
    if (c < 0x80) {
      word = std::isalnum(c) != 0;
    } else if (i + len > t.size()) {
      word = false;
      len = t.size() - i;
    } else {
      const auto c1 = static_cast<unsigned char>(i + 1 < t.size() ? t[i + 1] : t[i]);
      word = !(c == 0xC2 || (c == 0xC3 && (c1 == 0x97 || c1 == 0xB7)) ||
               (c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) || (c == 0xE3 && c1 == 0x80));
    }
    if (word) {
      cur.append(t.substr(i, len));
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
    i += len;
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

TEST(ScannedText, BlockScanAgreesWithCharacterRule) {
  // Pieces that put word ends, non-ASCII characters and bytes next to the
  // letter and digit ranges ('/', ':', '@', '[', '`', '{') anywhere in a
  // block of eight.
  const char* pieces[] = {"a",
                          "Z",
                          "0",
                          "9",
                          " ",
                          "/",
                          ":",
                          "@",
                          "[",
                          "`",
                          "{",
                          "\x7F",
                          "-",
                          "\xC3\x9C",
                          "\xC3\x97",
                          "\xC2\xA0",
                          "\xE2\x80\x9C",
                          "\xE2\x82\xAC",
                          "\xE3\x80\x82",
                          "\xF0\x9F\x98\x80",
                          "\xE4\xB8\xAD",
                          "ab",
                          "xyzzy",
                          "\x80",
                          "\xC3"};
  WordVocabulary vocab;
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(state % 40);
    for (int k = 0; k < n; ++k) {
      state = state * 1103515245u + 12345u;
      text += pieces[(state >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    ScannedText doc(text, vocab);
    std::vector<std::string> got;
    for (size_t w = 0; w < doc.words().size(); ++w) got.emplace_back(doc.Original(w));
    ASSERT_EQ(got, ReferenceWords(text)) << "text: " << text;
    state = state * 1103515245u + 12345u;
  }
}

TEST(ScannedText, FindsVocabularyWordsOfEveryLength) {
  WordVocabulary vocab;
  const std::vector<std::string> words = {"a",
                                          "ab",
                                          "abcdefg",
                                          "abcdefgh",
                                          "abcdefghi",
                                          "abcdefghijklmnop",
                                          "abcdefghijklmnopq",
                                          "\xC3\xBC"
                                          "bernahme"};
  for (const std::string& w : words) vocab.Add(w);
  // Each word at the end of the text too, where no bytes follow it.
  for (size_t k = 0; k < words.size(); ++k) {
    ScannedText doc("x " + words[k] + " " + words[k] + "z " + words[k], vocab);
    ASSERT_EQ(doc.words().size(), 4u);
    EXPECT_EQ(doc.WordId(0), WordVocabulary::kNone);
    EXPECT_EQ(doc.WordId(1), k) << words[k];
    EXPECT_EQ(doc.WordId(3), k) << words[k];
    // One more letter is another word (or none of the vocabulary's).
    if (k + 1 < words.size() && words[k + 1] == words[k] + "z") continue;
    EXPECT_EQ(doc.WordId(2), WordVocabulary::kNone) << words[k];
  }
  ScannedText folded(
      "ABCDEFGHIJKLMNOPQ \xC3\x9C"
      "BERNAHME",
      vocab);
  EXPECT_EQ(folded.WordId(0), 6u);
  EXPECT_EQ(folded.WordId(1), 7u);
}

TEST(PhraseLexicon, ScannedFirstWordsBySuffixAndPrefix) {
  PhraseLexicon lex;
  ASSERT_TRUE(lex.Add("cloud|clouds|*cloud", 1).ok());
  ASSERT_TRUE(lex.Add("halb* leiter", 3).ok());
  lex.Compile();
  ScannedText doc("Cloud clouds icloud loud cold halbe leiter halb leitern", lex.vocabulary());
  std::vector<int> payloads;
  for (const PhraseMatch& m : FindIn(lex, doc)) payloads.push_back(m.payload);
  EXPECT_EQ(payloads, (std::vector<int>{1, 1, 1, 3}));
  PhraseLexicon infix;
  ASSERT_TRUE(infix.Add("*speicherchip* _", 2).ok());
  infix.Compile();
  ScannedText de("Die Speicherchips von X", infix.vocabulary());
  ASSERT_EQ(FindIn(infix, de).size(), 1u);
  EXPECT_EQ(FindIn(infix, de)[0].first_word, 1u);
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
