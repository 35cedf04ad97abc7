#include "segment/segment.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pactgraph {
namespace {

std::vector<std::string> Tokens(std::string_view text, const std::string& lang) {
  Segmented s = Segment(text, lang);
  std::vector<std::string> out;
  for (const Token& t : s.tokens) out.emplace_back(text.substr(t.start, t.end - t.start));
  return out;
}

std::vector<std::string> Sentences(std::string_view text, const std::string& lang) {
  Segmented s = Segment(text, lang);
  std::vector<std::string> out;
  for (const Sentence& x : s.sentences) out.emplace_back(text.substr(x.start, x.end - x.start));
  return out;
}

using V = std::vector<std::string>;

TEST(Tokens, PunctuationIsSplitAndPossessiveIsItsOwnToken) {
  EXPECT_EQ(Tokens("Samsung's chief, Lee (CEO), met Nadella.", "en"),
            (V{"Samsung", "'s", "chief", ",", "Lee", "(", "CEO", ")", ",", "met", "Nadella", "."}));
  EXPECT_EQ(Tokens("Microsoft’s cloud", "en"), (V{"Microsoft", "’s", "cloud"}));
  EXPECT_EQ(Tokens("analysts' view", "en"), (V{"analysts", "'", "view"}));
  EXPECT_EQ(Tokens("O'Brien isn't here", "en"), (V{"O'Brien", "isn't", "here"}));
}

TEST(Tokens, HyphenatedWordsStayTogether) {
  EXPECT_EQ(Tokens("Kwak Noh-jung des SK-Konzerns, ein 752-Millionen-Dollar-Deal", "de"),
            (V{"Kwak", "Noh-jung", "des", "SK-Konzerns", ",", "ein", "752-Millionen-Dollar-Deal"}));
  EXPECT_EQ(Tokens("Celle, Deutschland - In", "de"), (V{"Celle", ",", "Deutschland", "-", "In"}));
}

TEST(Tokens, NumbersKeepDecimalAndThousandsMarks) {
  EXPECT_EQ(Tokens("$100 and 1.3 billion, 1,5 Milliarden, 1,000,000 at 18:15 on 14.05.2024", "en"),
            (V{"$", "100", "and", "1.3", "billion", ",", "1,5", "Milliarden", ",", "1,000,000", "at", "18:15",
               "on", "14.05.2024"}));
}

TEST(Tokens, AbbreviationsKeepTheirPeriod) {
  EXPECT_EQ(Tokens("Samsung Electronics Co. and Apple Inc. in the U.S. on Nov. 7", "en"),
            (V{"Samsung", "Electronics", "Co.", "and", "Apple", "Inc.", "in", "the", "U.S.", "on", "Nov.", "7"}));
  EXPECT_EQ(Tokens("z. B. Nr. 5 bzw. Dr. Kim", "de"), (V{"z.", "B.", "Nr.", "5", "bzw.", "Dr.", "Kim"}));
  EXPECT_EQ(Tokens("see fr.yna.co.kr and https://example.com/a?b=1.", "en"),
            (V{"see", "fr.yna.co.kr", "and", "https://example.com/a?b=1", "."}));
}

TEST(Tokens, QuotesAndEllipsis) {
  EXPECT_EQ(Tokens("„Mobile First“ … “Cloud”...", "de"),
            (V{"„", "Mobile", "First", "“", "…", "“", "Cloud", "”", "..."}));
}

TEST(Sentences, AbbreviationsInitialsAndNumbersDoNotEndSentences) {
  EXPECT_EQ(Sentences("Lee met Nadella on Nov. 7 in Seoul. J. K. Rowling wrote it. Sales rose 1.3 percent.", "en"),
            (V{"Lee met Nadella on Nov. 7 in Seoul.", "J. K. Rowling wrote it.", "Sales rose 1.3 percent."}));
  EXPECT_EQ(Sentences("Mr. Kim works for Samsung Electronics Co. Ltd. in Suwon. He left.", "en"),
            (V{"Mr. Kim works for Samsung Electronics Co. Ltd. in Suwon.", "He left."}));
}

TEST(Sentences, AmbiguousAbbreviationEndsBeforeASentenceOpener) {
  EXPECT_EQ(Sentences("It invested in Naver Corp. The deal closed. Chips from the U.S. The end.", "en"),
            (V{"It invested in Naver Corp.", "The deal closed.", "Chips from the U.S.", "The end."}));
  EXPECT_EQ(Sentences("The U.S. Department of Commerce agreed.", "en"),
            (V{"The U.S. Department of Commerce agreed."}));
}

TEST(Sentences, GermanOrdinalsAndDates) {
  EXPECT_EQ(Sentences("Das Treffen ist am 14. Mai in Seoul. Am 3. Oktober 2024 folgt der 2. Gipfel. "
                      "Im Jahr 2024. Danach z. B. mehr.",
                      "de"),
            (V{"Das Treffen ist am 14. Mai in Seoul.", "Am 3. Oktober 2024 folgt der 2. Gipfel.",
               "Im Jahr 2024.", "Danach z. B. mehr."}));
}

TEST(Sentences, QuestionExclamationQuotesAndEllipsis) {
  EXPECT_EQ(Sentences("Why now? \"Because AI.\" Then... Next!", "en"),
            (V{"Why now?", "\"Because AI.\"", "Then...", "Next!"}));
  EXPECT_EQ(Sentences("He said “yes.” It worked.", "en"), (V{"He said “yes.”", "It worked."}));
}

TEST(Sentences, LineStructureEndsSentences) {
  EXPECT_EQ(Sentences("Samsung and Microsoft Agree to Cooperate\nLee met Nadella. They talked\n\nabout AI", "en"),
            (V{"Samsung and Microsoft Agree to Cooperate", "Lee met Nadella.", "They talked", "about AI"}));
  // A lower-case continuation line belongs to the same sentence.
  EXPECT_EQ(Sentences("Lee met\nthe CEO.", "en"), (V{"Lee met\nthe CEO."}));
}

// Wraps words into lines of at most `width` bytes, as e-mail and old wire text do.
std::string Wrap(const std::string& words, size_t width) {
  std::string out, line;
  size_t start = 0;
  while (start < words.size()) {
    size_t sp = words.find(' ', start);
    std::string w = words.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    start = sp == std::string::npos ? words.size() : sp + 1;
    if (!line.empty() && line.size() + 1 + w.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  return out + line;
}

TEST(Sentences, HardWrappedTextIgnoresSingleLineBreaks) {
  std::string words;
  for (int i = 0; i < 8; ++i) {
    words += "Samsung Electronics and Microsoft talked about cloud services and AI chips for Seoul and ";
    words += "Microsoft Azure on that day, said Analysts who follow the Firms closely in Korea. ";
  }
  Segmented s = Segment(Wrap(words, 72), "en");
  EXPECT_EQ(s.sentences.size(), 8u);
}

TEST(Sentences, SpansAndTokenRangesAgree) {
  std::string text = "First one. Second one!\n\nThird";
  Segmented s = Segment(text, "en");
  ASSERT_EQ(s.sentences.size(), 3u);
  uint32_t next = 0;
  for (const Sentence& x : s.sentences) {
    EXPECT_EQ(x.first_token, next);
    EXPECT_EQ(x.start, s.tokens[x.first_token].start);
    EXPECT_EQ(x.end, s.tokens[x.end_token - 1].end);
    next = x.end_token;
  }
  EXPECT_EQ(next, s.tokens.size());
}

TEST(Segment, EmptyAndOddInputNeverCrash) {
  EXPECT_TRUE(Segment("", "en").tokens.empty());
  EXPECT_TRUE(Segment(" \n\n ", "de").sentences.empty());
  std::mt19937 rng(7);
  const std::string alphabet = "aZ09 .,-'’\n\"!?:/&$(\xC3\xA4\xE2\x80\xA6";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    size_t n = rng() % 40;
    for (size_t i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    for (const char* lang : {"en", "de", "other"}) {
      Segmented s = Segment(text, lang);
      uint32_t prev = 0;
      for (const Token& t : s.tokens) {
        ASSERT_LT(t.start, t.end);
        ASSERT_LE(t.end, text.size());
        ASSERT_GE(t.start, prev);
        prev = t.end;
      }
      uint32_t covered = 0;
      for (const Sentence& x : s.sentences) covered += x.end_token - x.first_token;
      ASSERT_EQ(covered, s.tokens.size());
    }
  }
}

}  // namespace
}  // namespace pactgraph
