#include "time/timex.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "time/date_math.h"
#include "time/lexicon.h"
#include "time/timex_eval.h"
#include "time/tokens.h"

namespace pactgraph {
namespace {

struct Case {
  const char* lang;
  const char* anchor;
  const char* text;
  const char* span;  // the expression expected (first one found)
  const char* type;
  const char* value;
  const char* mod = "";
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.lang << ": " << c.text; }

class TimexCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(TimexCaseTest, DetectsAndNormalises) {
  const Case& c = GetParam();
  const std::string text = c.text;
  std::vector<Timex> found = FindTimexes(text, c.lang, std::string(c.anchor));
  ASSERT_FALSE(found.empty()) << text;
  const Timex& t = found[0];
  EXPECT_EQ(text.substr(t.start, t.end - t.start), c.span);
  EXPECT_EQ(t.type, c.type);
  EXPECT_EQ(t.value, c.value);
  EXPECT_EQ(t.mod, c.mod);
}

// Anchor 2024-05-20 is a Monday.
INSTANTIATE_TEST_SUITE_P(
    EnglishAbsolute, TimexCaseTest,
    ::testing::Values(Case{"en", "2024-05-20", "It was signed on November 7, 2018 in Seoul.",
                           "November 7, 2018", "DATE", "2018-11-07"},
                      Case{"en", "2024-05-20", "signed Nov. 7, 2018.", "Nov. 7, 2018", "DATE", "2018-11-07"},
                      Case{"en", "2024-05-20", "from 7 November 2018 on", "7 November 2018", "DATE",
                           "2018-11-07"},
                      Case{"en", "2024-05-20", "dated 2018-11-07", "2018-11-07", "DATE", "2018-11-07"},
                      Case{"en", "2024-05-20", "since September 2014", "September 2014", "DATE", "2014-09"},
                      Case{"en", "2024-05-20", "founded in 2016 by", "2016", "DATE", "2016"},
                      Case{"en", "2024-05-20", "revenue in Q3 2024 rose", "Q3 2024", "DATE", "2024-Q3"},
                      Case{"en", "2024-05-20", "popular in the 1990s", "the 1990s", "DATE", "199"},
                      Case{"en", "2024-05-20", "the 2024/25 season", "2024/25", "DATE", "2024"},
                      Case{"en", "2024-05-20", "in the third quarter of 2023", "the third quarter of 2023",
                           "DATE", "2023-Q3"},
                      Case{"en", "2024-05-20", "in the 20th century", "the 20th century", "DATE", "19"},
                      Case{"en", "2024-05-20", "revenue in FY2024 rose", "FY2024", "DATE", "2024"},
                      Case{"en", "2024-05-20", "sales in H2 2023 fell", "H2 2023", "DATE", "2023-H2"}));

INSTANTIATE_TEST_SUITE_P(
    EnglishRelative, TimexCaseTest,
    ::testing::Values(
        Case{"en", "2024-05-20", "They met on May 14 in Seoul.", "May 14", "DATE", "2024-05-14"},
        Case{"en", "", "They met on May 14 in Seoul.", "May 14", "DATE", "XXXX-05-14"},
        Case{"en", "2024-05-20", "as he said on Nov. 7.", "Nov. 7", "DATE", "2023-11-07"},
        Case{"en", "2024-05-20", "Sales fell last year.", "last year", "DATE", "2023"},
        Case{"en", "2024-05-20", "It opens next month.", "next month", "DATE", "2024-06"},
        Case{"en", "2024-05-20", "They talk this week.", "this week", "DATE", "2024-W21"},
        Case{"en", "2024-05-20", "He said yesterday that", "yesterday", "DATE", "2024-05-19"},
        Case{"en", "2024-05-20", "Shares rose today.", "today", "DATE", "2024-05-20"},
        Case{"en", "2024-05-20", "It started two years ago.", "two years ago", "DATE", "2022"},
        Case{"en", "2024-05-20", "It started five months ago.", "five months ago", "DATE", "2023-12"},
        Case{"en", "2024-05-20", "Samsung said it will launch it later this month.", "this month", "DATE",
             "2024-05"},
        Case{"en", "2024-05-20", "as announced earlier this year", "this year", "DATE", "2024"},
        Case{"en", "2024-05-20", "Intel recently agreed to", "recently", "DATE", "PAST_REF"},
        Case{"en", "2024-05-20", "They are now partners.", "now", "DATE", "PRESENT_REF"},
        Case{"en", "2024-05-20", "It currently supplies HBM.", "currently", "DATE", "PRESENT_REF"},
        Case{"en", "2024-05-20", "The chairman met Altman on Tuesday.", "Tuesday", "DATE", "2024-05-14"},
        Case{"en", "2024-05-20", "The chairman will meet Altman on Thursday.", "Thursday", "DATE",
             "2024-05-23"},
        Case{"en", "2024-05-20", "production starts in early July", "early July", "DATE", "2024-07", "START"},
        Case{"en", "2024-05-20", "by the end of the year", "the end of the year", "DATE", "2024", "END"},
        Case{"en", "2024-05-20", "by mid-2025", "mid-2025", "DATE", "2025", "MID"},
        Case{"en", "2024-05-20", "In mid-May Chey met Altman.", "mid-May", "DATE", "2024-05", "MID"},
        Case{"en", "2024-05-20", "They met on May 14. The following day, they signed.", "May 14", "DATE",
             "2024-05-14"},
        Case{"en", "2024-05-20", "It shipped last March.", "last March", "DATE", "2024-03"},
        Case{"en", "2024-05-20", "The talks happened this morning.", "this morning", "TIME", "2024-05-20TMO"},
        Case{"en", "2024-05-20", "at 10:30 a.m. on Friday", "10:30 a.m. on Friday", "TIME",
             "2024-05-17T10:30"}));

INSTANTIATE_TEST_SUITE_P(
    EnglishDurationsAndSets, TimexCaseTest,
    ::testing::Values(Case{"en", "2024-05-20", "The talks lasted two weeks.", "two weeks", "DURATION", "P2W"},
                      Case{"en", "2024-05-20", "over four months", "four months", "DURATION", "P4M"},
                      Case{"en", "2024-05-20", "a 30-year contract", "30-year", "DURATION", "P30Y"},
                      Case{"en", "2024-05-20", "in the past two months", "the past two months", "DURATION",
                           "P2M"},
                      Case{"en", "2024-05-20", "for several years", "several years", "DURATION", "PXY"},
                      Case{"en", "2024-05-20", "about 24 hours", "24 hours", "DURATION", "PT24H"},
                      Case{"en", "2024-05-20", "a decade of work", "a decade", "DURATION", "P10Y"},
                      Case{"en", "2024-05-20", "They meet every year.", "every year", "SET", "P1Y"},
                      Case{"en", "2024-05-20", "reported annually", "annually", "SET", "P1Y"}));

INSTANTIATE_TEST_SUITE_P(
    German, TimexCaseTest,
    ::testing::Values(
        Case{"de", "2024-05-20", "Sie trafen sich am 14. Mai 2024 in Seoul.", "14. Mai 2024", "DATE",
             "2024-05-14"},
        Case{"de", "2024-05-20", "Vertrag vom 07.11.2018", "07.11.2018", "DATE", "2018-11-07"},
        Case{"de", "2024-05-20", "Sie trafen sich am 14. Mai in Seoul.", "14. Mai", "DATE", "2024-05-14"},
        Case{"de", "", "Sie trafen sich am 14. Mai in Seoul.", "14. Mai", "DATE", "XXXX-05-14"},
        Case{"de", "2024-05-20", "Das Treffen fand im Februar statt.", "Februar", "DATE", "2024-02"},
        Case{"de", "2024-05-20", "im Jahr 2023 gegründet", "Jahr 2023", "DATE", "2023"},
        Case{"de", "2024-05-20", "Der Umsatz sank letzten Monat.", "letzten Monat", "DATE", "2024-04"},
        Case{"de", "2024-05-20", "Das Werk öffnet nächstes Jahr.", "nächstes Jahr", "DATE", "2025"},
        Case{"de", "2024-05-20", "Im vergangenen Jahr wuchs SK.", "vergangenen Jahr", "DATE", "2023"},
        Case{"de", "2024-05-20", "Die Produktion beginnt Anfang Juli.", "Anfang Juli", "DATE", "2024-07",
             "START"},
        Case{"de", "2024-05-20", "bis Ende dieses Jahres", "Ende dieses Jahres", "DATE", "2024", "END"},
        Case{"de", "2024-05-20", "Das war vor fünf Monaten.", "vor fünf Monaten", "DATE", "2023-12"},
        Case{"de", "2024-05-20", "Das sagte er gestern.", "gestern", "DATE", "2024-05-19"},
        Case{"de", "2024-05-20", "SK liefert derzeit HBM.", "derzeit", "DATE", "PRESENT_REF"},
        Case{"de", "2024-05-20", "Die Gespräche dauerten zwei Wochen.", "zwei Wochen", "DURATION", "P2W"},
        Case{"de", "2024-05-20", "Er traf Altman am Dienstag.", "Dienstag", "DATE", "2024-05-14"},
        Case{"de", "2024-05-20", "Am Dienstagabend unterzeichneten sie.", "Dienstagabend", "TIME",
             "2024-05-14TEV"},
        Case{"de", "2024-05-20", "Ende 2024 soll die Fabrik stehen.", "Ende 2024", "DATE", "2024", "END"},
        Case{"de", "2024-05-20", "Mitte Mai traf er Altman.", "Mitte Mai", "DATE", "2024-05", "MID"},
        Case{"de", "2024-05-20", "Anfang der Woche kam die Nachricht.", "Anfang der Woche", "DATE",
             "2024-W21", "START"},
        Case{"de", "2024-05-20", "Im ersten Halbjahr 2024 stieg der Umsatz.", "ersten Halbjahr 2024", "DATE",
             "2024-H1"},
        Case{"de", "2024-05-20", "Der Umsatz im dritten Quartal 2023", "dritten Quartal 2023", "DATE",
             "2023-Q3"},
        Case{"de", "2024-05-20", "Im Vorjahr lag er höher.", "Vorjahr", "DATE", "2023"},
        Case{"de", "2024-05-20", "in den 1990er Jahren", "1990er Jahren", "DATE", "199"},
        Case{"de", "2024-05-20", "im 20. Jahrhundert", "20. Jahrhundert", "DATE", "19"},
        Case{"de", "2024-05-20", "um 4:45 Uhr", "4:45 Uhr", "TIME", "2024-05-20T04:45"},
        Case{"de", "2024-05-20", "Die Schlacht 490 v. Chr. bei Marathon", "490 v. Chr.", "DATE", "BC0490"},
        Case{"de", "2024-05-20", "Der Vertrag gilt jährlich.", "jährlich", "SET", "P1Y"}));

TEST(TimexTest, NoFalseAlarms) {
  EXPECT_TRUE(
      FindTimexes("Samsung may invest in 1,500 chips; 2,000 units were sold.", "en", "2024-05-20").empty());
  EXPECT_TRUE(FindTimexes("The army marched on. Sun Microsystems", "en", "2024-05-20").empty());
  EXPECT_TRUE(FindTimexes("", "de", "").empty());
  EXPECT_TRUE(FindTimexes("Er kaufte 1500 Panzer.", "de", "2024-05-20").empty());
  // Clock times written as four digits are not years.
  for (const Timex& t : FindTimexes("Shares rose 4% by 1200 GMT on Monday.", "en", "2024-05-20"))
    EXPECT_NE(t.value, "1200");
  EXPECT_EQ(InferAnchor("Shares rose 4% by 1200 GMT. Last year it tried to buy a rival.", "en"), "");
}

TEST(TimexTest, GermanMorgenIsMorningAfterAm) {
  auto found = FindTimexes("Am Morgen traf er ihn, morgen reist er ab.", "de", "2024-05-20");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "2024-05-21");
}

TEST(TimexTest, FollowingDayUsesTheLastDate) {
  std::string text = "They met on May 14. The following day, they signed.";
  auto found = FindTimexes(text, "en", "2024-05-20");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[1].start, found[1].end - found[1].start), "The following day");
  EXPECT_EQ(found[1].value, "2024-05-15");
}

TEST(TimexTest, NarrativeModeTakesYearFromTheStory) {
  TimexOptions options;
  options.anchor = "2011-02-16";
  options.narrative = true;
  auto found =
      FindTimexes("Im Sommer 1940 griff er an. Am 3. September kapitulierte die Stadt.", "de", options);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].value, "1940-09-03");
  options.narrative = false;
  found = FindTimexes("Im Sommer 1940 griff er an. Am 3. September kapitulierte die Stadt.", "de", options);
  EXPECT_EQ(found[1].value, "2010-09-03");
}

TEST(TimexTest, BadBytesNeverCrash) {
  std::string junk = "\xff\xfe 14. \xc3 Mai \xe2\x80 2024-13-45 31.02.2023 99/99/99 Q9 \xe2";
  for (size_t cut = 0; cut <= junk.size(); ++cut) FindTimexes(junk.substr(0, cut), "de", "2024-05-20");
  for (size_t cut = 0; cut <= junk.size(); ++cut) FindTimexes(junk.substr(0, cut), "en", "bogus");
  SUCCEED();
}

TEST(InferAnchorTest, FirstFullDate) {
  EXPECT_EQ(InferAnchor("Posted May 3. The deal was signed on 14 May 2024 in Seoul.", "en"), "2024-05-14");
}

TEST(InferAnchorTest, YearFromANamedEvent) {
  EXPECT_EQ(InferAnchor("At the AI Seoul Summit 2024, leaders met on May 14.", "en"), "2024-05-14");
  EXPECT_EQ(InferAnchor("Beim Gipfel 2024 trafen sie sich am 14. Mai.", "de"), "2024-05-14");
}

TEST(InferAnchorTest, CoarserFallbacks) {
  EXPECT_EQ(InferAnchor("The plant opened in September 2014.", "en"), "2014-09");
  EXPECT_EQ(InferAnchor("Founded in 2016, it grew fast.", "en"), "2016");
  EXPECT_EQ(InferAnchor("They met yesterday.", "en"), "");
}

std::string Render(const std::vector<Timex>& found) {
  std::string s;
  for (const Timex& t : found) {
    s += std::to_string(t.start) + "-" + std::to_string(t.end) + " " + t.type + " " + t.value + " " +
         (t.relative ? "rel " : "abs ") + t.mod + "\n";
  }
  return s;
}

// FindTimexes on a thread of its own: no tokens or anchorless scan of an
// earlier call to reuse.
std::vector<Timex> FindTimexesCold(const std::string& text, const std::string& lang,
                                   const std::string& anchor) {
  std::vector<Timex> found;
  std::thread([&] { found = FindTimexes(text, lang, anchor); }).join();
  return found;
}

// The extractor scans a text without a publication date twice: InferAnchor
// without an anchor, then FindTimexes with the inferred one, which reuses the
// first scan wherever no rule read the anchor. The answer must be that of a
// scan from cold state, with that anchor and with any other.
TEST(TimexTest, ScanAfterInferAnchorEqualsAColdScan) {
  const std::pair<const char*, const char*> texts[] = {
      {"en",
       "The deal was signed on 14 May 2024. Yesterday shares rose; last year they fell. Next month "
       "the board meets, three days ago it met, and the following day it will vote."},
      {"en",
       "On Monday, May 14, profits for the first half and the third quarter beat forecasts made in "
       "the 1990s. This weekend at 4pm, and tonight, talks resume; a year earlier they failed."},
      {"en",
       "Earlier this year sales of 1,500 cars slipped. The firm, founded in 2016, said last summer "
       "that by 2020 it would double. It will report on 11/07/18 and again in two weeks."},
      {"en",
       "Posted May 3. In September 2014 the plant opened; the day after, it closed for a week. "
       "Every Tuesday since then, and each year, it has reopened for five hours."},
      {"en",
       "They met yesterday. Today the company said the previous quarter was weak, the coming "
       "months better, and the end of the year the best."},
      {"en", "Shares rose 4% by 1200 GMT. Last year it tried to buy a rival in early 2009 and late May."},
      {"de",
       "Der Vertrag wurde am 20. Mai 2024 unterzeichnet. Gestern stieg die Aktie, vergangenes Jahr "
       "fiel sie. Nächsten Monat tagt der Vorstand, vor drei Tagen tagte er, am selben Tag stimmte er ab."},
      {"de",
       "Am Montag, dem 3. September, meldete die Firma für das erste Halbjahr und das dritte Quartal "
       "Gewinne. Anfang Juli und Ende des Jahres sollen es mehr werden; heute Abend um 15 Uhr tagt er."},
      {"de",
       "Im Sommer 1940 griff er an. Am 3. September kapitulierte die Stadt. Mitte 2023 und in den "
       "1990er Jahren war es ruhig, diese Woche und am Wochenende nicht."},
      {"de",
       "Beim Gipfel 2024 trafen sie sich am 14. Mai. Im kommenden Jahr und in zwei Wochen treffen "
       "sie sich wieder, jährlich und jeden Dienstag."},
      {"de",
       "Er kaufte 1500 Panzer. Morgen reist er ab; übermorgen und im vergangenen Monat auch, seit "
       "2019 jedes Jahr im Frühjahr, zuletzt am 07.11.2018."},
      {"de",
       "Die Firma, gegründet im September 2014, meldete heute einen Verlust. Im Vorjahr und im "
       "Vormonat war er kleiner, Ende März 2015 größer."},
  };
  for (const auto& [lang, text] : texts) {
    const std::string inferred = InferAnchor(text, lang);
    for (const std::string& anchor : {inferred, std::string("2024-05-20"), std::string("2014-09"),
                                      std::string("2016"), std::string("20 May 2024"), std::string()}) {
      InferAnchor(text, lang);  // the scan without an anchor that FindTimexes may reuse
      EXPECT_EQ(Render(FindTimexes(text, lang, anchor)), Render(FindTimexesCold(text, lang, anchor)))
          << lang << ", anchor \"" << anchor << "\": " << text;
    }
  }
}

TEST(DateMathTest, WeeksAndWeekdays) {
  timex::Date d{2024, 5, 20};
  EXPECT_EQ(timex::IsoWeekday(d), 1);
  EXPECT_EQ(timex::FormatWeek(d), "2024-W21");
  EXPECT_EQ(timex::FormatWeek(timex::Date{2021, 1, 1}), "2020-W53");
  EXPECT_EQ(timex::FormatDay(timex::AddDays(timex::Date{2024, 2, 28}, 1)), "2024-02-29");
  EXPECT_EQ(timex::FormatMonth(timex::AddMonths(timex::Date{2024, 1, 0}, -1).y, 12), "2023-12");
}

// The tokenizer's fast paths (ASCII table, eight letters at a time, the
// space after a token) against tricky input: words longer than eight bytes,
// umlauts inside and at the start of words, glued digits and marks, UTF-8
// spaces, dashes and signs, a bad byte.
TEST(TokenizeTest, SplitsWordsNumbersAndMarks) {
  const std::string text =
      "Das Jahresh\xc3\xa4lfte-Ergebnis: 5bn\xc2\xa0\xe2\x82\xac am 14.\xe2\x80\x93"
      "Dienstag ABCDEFGHIJklm \xc3\x96l\xff";
  struct Want {
    uint32_t b, e;
    timex::Token::Kind kind;
    bool cap, glued;
    const char* low;
  };
  using timex::Token;
  const Want want[] = {
      {0, 3, Token::kWord, true, false, "das"},
      {4, 17, Token::kWord, true, false, "jahresh\xc3\xa4lfte"},
      {17, 18, Token::kPunct, false, true, "-"},
      {18, 26, Token::kWord, true, true, "ergebnis"},
      {26, 27, Token::kPunct, false, true, ":"},
      {28, 29, Token::kNumber, false, false, "5"},
      {29, 31, Token::kWord, false, true, "bn"},
      {33, 36, Token::kPunct, false, false, "\xe2\x82\xac"},
      {37, 39, Token::kWord, false, false, "am"},
      {40, 42, Token::kNumber, false, false, "14"},
      {42, 43, Token::kPunct, false, true, "."},
      {43, 46, Token::kPunct, false, true, "\xe2\x80\x93"},
      {46, 54, Token::kWord, true, true, "dienstag"},
      {55, 68, Token::kWord, true, false, "abcdefghijklm"},
      {69, 72, Token::kWord, true, false, "\xc3\xb6l"},
      {72, 73, Token::kPunct, false, true, "\xff"},
  };
  std::string lower;
  std::vector<Token> tokens;
  timex::Tokenize(text, timex::kAnyLang, &lower, &tokens);
  ASSERT_EQ(tokens.size(), std::size(want));
  for (size_t i = 0; i < tokens.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(tokens[i].b, want[i].b);
    EXPECT_EQ(tokens[i].e, want[i].e);
    EXPECT_EQ(tokens[i].kind, want[i].kind);
    EXPECT_EQ(tokens[i].cap, want[i].cap);
    EXPECT_EQ(tokens[i].glued, want[i].glued);
    EXPECT_EQ(tokens[i].low, want[i].low);
  }
  EXPECT_EQ(tokens[9].num, 14);
  EXPECT_TRUE(tokens[8].rules != 0);   // "am": German rule word (kAnyLang)
  EXPECT_TRUE(tokens[12].rules != 0);  // "dienstag": a weekday
}

// The tokenizer looks up only words that pass the WordFilter: it must pass
// every word the lexicon knows (all words of up to three letters, and
// longer forms and German rule prefixes).
TEST(TokenizeTest, WordFilterPassesEveryLexiconWord) {
  std::vector<std::string> words = {"january",
                                    "september",
                                    "sept",
                                    "dienstagabend",
                                    "vergangenen",
                                    "n\xc3\xa4"
                                    "chsten",
                                    "jahresh\xc3\xa4lfte",
                                    "\xc3\xbc"
                                    "bermorgen",
                                    "einundzwanzigsten",
                                    "yesterday",
                                    "annually",
                                    "fortnight",
                                    "centuries",
                                    "folgejahres",
                                    "monatsmitte",
                                    "j\xc3\xa4hrlich",
                                    "several",
                                    "morning"};
  for (char a = 'a'; a <= 'z'; ++a) {
    words.push_back(std::string(1, a));
    for (char b = 'a'; b <= 'z'; ++b) {
      words.push_back(std::string{a, b});
      for (char c = 'a'; c <= 'z'; ++c) words.push_back(std::string{a, b, c});
    }
  }
  const timex::WordFilter& filter = timex::TheWordFilter();
  int known = 0;
  for (const std::string& w : words) {
    for (uint8_t langs : {timex::kEn, timex::kDe, timex::kAnyLang}) {
      uint16_t rules = 0;
      const timex::WordInfo* info = timex::LookupWord(w, langs, &rules);
      if (info == nullptr && rules == 0) continue;
      ++known;
      EXPECT_TRUE(filter.MayMatch(w, langs)) << w << " " << int(langs);
    }
  }
  EXPECT_GT(known, 100);
}

// The Format functions pad by hand; they must print what "%04d" / "%02d"
// print, including out-of-range and negative fields.
TEST(DateMathTest, FormatsAsPrintfWould) {
  auto printed = [](const char* format, int v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return std::string(buf);
  };
  for (int y : {1, 7, 99, 490, 999, 1000, 2024, 9999, 10000, 123456, 0, -5}) {
    const std::string year = y > 0 ? printed("%04d", y) : "XXXX";
    EXPECT_EQ(timex::FormatYear(y), year);
    for (int m : {1, 9, 10, 12, 0, 100, -1, -12}) {
      EXPECT_EQ(timex::FormatMonth(y, m), year + "-" + printed("%02d", m));
      for (int d : {1, 5, 31, 0, 123, -3})
        EXPECT_EQ(timex::FormatDay(timex::Date{y, m, d}),
                  year + "-" + printed("%02d", m) + "-" + printed("%02d", d));
    }
  }
}

TEST(TimexEvalTest, ParsesTimeMlAndScores) {
  const std::string xml =
      "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\">March 22, 2013</TIMEX3></DCT>\n"
      "<TEXT>It rose <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2013-03-21\">yesterday</TIMEX3> &amp; "
      "fell <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P2W\">two weeks</TIMEX3> ago.</TEXT></TimeML>";
  auto doc = timex::ParseTimeMl(xml, "x.tml");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->anchor, "2013-03-22");
  EXPECT_EQ(doc->text, "It rose yesterday & fell two weeks ago.");
  ASSERT_EQ(doc->timexes.size(), 2u);
  auto found = FindTimexes(doc->text, "en", doc->anchor);
  timex::TimexScores s = timex::Score(*doc, found, nullptr);
  EXPECT_EQ(s.gold, 2);
  EXPECT_EQ(s.strict, 1);  // "two weeks ago" is longer than the gold "two weeks"
  EXPECT_EQ(s.relaxed, 2);
  EXPECT_EQ(s.value_ok, 1);
  EXPECT_FALSE(timex::ParseTimeMl("<TimeML>no text</TimeML>", "bad.tml").ok());
}

// Regression floor on the real benchmark; skipped when ../shared is absent.
TEST(TimexEvalTest, TempEvalPlatinumFloor) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(PACTGRAPH_SHARED_DIR) / "data/tempeval3/Evaluation/te3-platinum";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no " << dir;
  timex::TimexScores total;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".tml") continue;
    std::ifstream in(entry.path());
    std::stringstream buf;
    buf << in.rdbuf();
    auto doc = timex::ParseTimeMl(buf.str(), entry.path().filename().string());
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    total.Add(timex::Score(*doc, FindTimexes(doc->text, "en", doc->anchor), nullptr));
  }
  EXPECT_EQ(total.gold, 138);
  EXPECT_GT(total.ValueF1(), 0.78);
  EXPECT_GT(total.RelaxedF1(), 0.85);
}

}  // namespace
}  // namespace pactgraph

namespace pactgraph {
namespace {

TEST(TimexTest, AnchorMayBeWrittenInWords) {
  for (const char* anchor :
       {"May 20, 2024", "20. Mai 2024", "Mon, 20 May 2024 10:00:00 GMT", "2024-05-20T10:00:00Z"}) {
    auto found = FindTimexes("He said yesterday that", "en", std::string(anchor));
    ASSERT_EQ(found.size(), 1u) << anchor;
    EXPECT_EQ(found[0].value, "2024-05-19") << anchor;
  }
  auto found = FindTimexes("He said yesterday that", "en", std::string("not a date"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "XXXX-XX-XX");
}

}  // namespace
}  // namespace pactgraph
