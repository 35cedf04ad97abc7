// Plain-text cleaning on made-up captures: page furniture around an article.
#include <gtest/gtest.h>

#include <random>

#include "clean/clean.h"
#include "clean/text_cues.h"

namespace pactgraph {
namespace {

const char* kPara1 =
    "Lumora Systems will supply its new inference chips to the cloud provider Vantec for three years, the "
    "two companies said on Tuesday.";
const char* kPara2 =
    "The agreement follows a meeting between the chief executives in Berlin last month, where they also "
    "discussed a joint research lab.";
const char* kPara3 =
    "Analysts expect the deal to be worth several hundred million dollars over its lifetime.";

CleanDoc Clean(const std::string& s) { return CleanPlainText(IdentityText(s)); }

bool Has(const CleanDoc& d, std::string_view s) { return d.text.text().find(s) != std::string::npos; }

TEST(TextCues, DefaultFileLoads) {
  EXPECT_TRUE(DefaultTextCuesStatus().ok()) << DefaultTextCuesStatus().message();
  EXPECT_GT(DefaultTextCues().size(), 50u);
}

TEST(TextCues, RejectsBadFiles) {
  EXPECT_FALSE(TextCues::Parse("line\ten\tshare\n", "x.tsv").ok());  // no format line
  EXPECT_FALSE(TextCues::Parse("#format pactgraph-text-furniture 9\n", "x.tsv").ok());
  EXPECT_FALSE(TextCues::Parse("#format pactgraph-text-furniture 1\nfoo\ten\tbar\n", "x.tsv").ok());
  EXPECT_FALSE(TextCues::Parse("#format pactgraph-text-furniture 1\nline\txx\tbar\n", "x.tsv").ok());
  EXPECT_FALSE(
      TextCues::Parse("#format pactgraph-text-furniture 1\npromo\ten\ta\npromo\tde\ta\n", "x.tsv").ok());
  auto ok = TextCues::Parse("#format pactgraph-text-furniture 1\n# c\nline\ten\tShare\n", "x.tsv");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE((*ok)->IsLineCue("share"));
  auto bad = TextCues::Parse("#format pactgraph-text-furniture 1\nline\ten\n", "x.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("x.tsv:2"), std::string::npos);
}

TEST(CleanPlainText, DropsTrailingFurnitureAndKeepsArticle) {
  std::string in = std::string("Lumora to Supply Chips to Vantec\n\n") + kPara1 + "\n\n" + kPara2 + "\n\n" +
                   kPara3 +
                   "\n\nRead more: Why chip startups are merging\nCloud Costs Keep Rising for Startups\n\n"
                   "Popular Posts\n\nNewsletter\n";
  CleanDoc d = Clean(in);
  EXPECT_EQ(d.title, "Lumora to Supply Chips to Vantec");
  EXPECT_TRUE(Has(d, kPara1));
  EXPECT_TRUE(Has(d, kPara2));
  EXPECT_TRUE(Has(d, kPara3));
  EXPECT_FALSE(Has(d, "Read more"));
  EXPECT_FALSE(Has(d, "Cloud Costs"));
  EXPECT_FALSE(Has(d, "Popular"));
  EXPECT_FALSE(Has(d, "Newsletter"));
  EXPECT_EQ(d.text.text().substr(d.text.size() - 20),
            std::string(kPara3).substr(std::string(kPara3).size() - 20));
}

TEST(CleanPlainText, HeaderDateAboveTitleLosesToBylineDate) {
  std::string in =
      std::string(
          "Friday, June 5, 2026\nLumora to Supply Chips to Vantec\nLumora to Supply Chips to Vantec\n") +
      "  • By Mira Jansen\n  • March 3, 2025, 09:10\nShare this article\n\n" + kPara1 + "\n\n" + kPara2;
  CleanDoc d = Clean(in);
  EXPECT_EQ(d.published, "2025-03-03");
  EXPECT_EQ(d.title, "Lumora to Supply Chips to Vantec");
  EXPECT_FALSE(Has(d, "Friday"));
  EXPECT_FALSE(Has(d, "Mira"));
  EXPECT_FALSE(Has(d, "09:10"));
  EXPECT_FALSE(Has(d, "Share"));
  // The repeated headline is kept once.
  std::string t = d.text.text();
  EXPECT_EQ(t.find("Lumora to Supply"), t.rfind("Lumora to Supply"));
  EXPECT_EQ(t.find("Lumora to Supply"), 0u);
}

TEST(CleanPlainText, RepeatedHeadlineBeatsASiteNameAboveIt) {
  CleanDoc d = Clean(
      std::string(
          "The Circuit Ledger\nLumora to Supply Chips to Vantec\n\nLumora to Supply Chips to Vantec\n\n") +
      kPara1 + "\n\n" + kPara2);
  EXPECT_EQ(d.title, "Lumora to Supply Chips to Vantec");
  EXPECT_FALSE(Has(d, "Circuit Ledger"));
  EXPECT_EQ(d.text.text().find("Lumora to Supply"), 0u);
}

TEST(CleanPlainText, DateInASubtitleIsNotThePublicationDate) {
  CleanDoc d = Clean(std::string("Lumora to Supply Chips to Vantec\nDeal signed on May 2, 2024 in Oslo\n") +
                     "Oslo | June 3, 2024 | Tech\n\n" + kPara1);
  EXPECT_EQ(d.published, "2024-06-03");
  EXPECT_TRUE(Has(d, "Deal signed on May 2, 2024 in Oslo"));
}

TEST(CleanPlainText, OnlyHeaderDateIsUsedWhenNothingElse) {
  CleanDoc d =
      Clean(std::string("14.05.2024\nLumora plant neue Chips\n\n") +
            "Lumora Systems will in Dresden eine neue Fabrik für KI-Chips bauen, teilte das Unternehmen am "
            "Dienstag mit.");
  EXPECT_EQ(d.published, "2024-05-14");
  EXPECT_FALSE(Has(d, "14.05.2024"));
}

TEST(CleanPlainText, GermanAuthorLineAndTrailingBoxes) {
  std::string de1 =
      "Der Chipentwickler Lumora und der Cloud-Anbieter Vantec wollen gemeinsam ein Rechenzentrum in "
      "Frankfurt bauen, teilten beide Unternehmen am Montag mit.";
  std::string de2 =
      "Quellen zufolge soll das Projekt rund 500 Millionen Euro kosten und im nächsten Jahr starten.";
  std::string in =
      "Lumora und Vantec bauen gemeinsam ein Rechenzentrum\n\nLena\n\n" + de1 + "\n\n" + de2 +
      "\n\nMehr zum Thema\nChipindustrie im Wandel\nNeue Fabriken in Sachsen\n\nDetails\nOrt: Frankfurt\n"
      "Quellen\n\nKommentare (3)\n";
  CleanDoc d = Clean(in);
  EXPECT_EQ(d.title, "Lumora und Vantec bauen gemeinsam ein Rechenzentrum");
  EXPECT_FALSE(Has(d, "Lena"));
  EXPECT_TRUE(Has(d, de1));
  EXPECT_TRUE(Has(d, de2));  // starts with "Quellen" but is a sentence of the article
  for (const char* furniture : {"Mehr zum", "Chipindustrie", "Sachsen", "Details", "Ort:", "Kommentare"}) {
    EXPECT_FALSE(Has(d, furniture)) << furniture;
  }
}

TEST(CleanPlainText, PromoParagraphsGo) {
  std::string in =
      std::string("Vantec Buys Stake in Lumora\n") + kPara1 + "\n" + kPara2 + "\n" +
      "Want to learn more about cloud chips from industry leaders? Check out the Chip Summit Expo "
      "taking place in Lisbon and Austin.\n"
      "We use cookies to improve your experience. By continuing you accept our privacy policy.\n"
      "Tags: chips, cloud";
  CleanDoc d = Clean(in);
  EXPECT_TRUE(Has(d, kPara2));
  EXPECT_FALSE(Has(d, "Want to learn"));
  EXPECT_FALSE(Has(d, "cookies"));
  EXPECT_FALSE(Has(d, "Tags"));
}

TEST(CleanPlainText, MidArticleCueLineAndSubheadings) {
  std::string in = std::string("Lumora Expands\n\n") + kPara1 + "\n\nSee also: Lumora hires new CFO\n\n" +
                   "A bigger lab for Berlin\n\n" + kPara2 + "\n\n" + kPara3;
  CleanDoc d = Clean(in);
  EXPECT_FALSE(Has(d, "See also"));
  EXPECT_TRUE(Has(d, "A bigger lab for Berlin"));  // a subheading inside the body stays
  EXPECT_TRUE(Has(d, kPara3));
}

TEST(CleanPlainText, NoHeadlineTakesTheFirstSentence) {
  CleanDoc d = Clean(std::string(kPara1) + " More text follows here.\n" + kPara2);
  EXPECT_EQ(d.title, kPara1);
}

TEST(CleanPlainText, DatelineDate) {
  CleanDoc d = Clean(std::string("Lumora Expands\n\nBERLIN, 4. März 2025 - ") + kPara1 + "\n\n" + kPara2);
  EXPECT_EQ(d.published, "2025-03-04");
  EXPECT_TRUE(Has(d, "BERLIN, 4. März 2025 - "));
}

TEST(CleanPlainText, OffsetsPointIntoTheInput) {
  std::string in =
      std::string("Header nav | Home | Tech\n\nLumora Expands\n\n") + kPara1 + "\n\nShare\n\n" + kPara2;
  CleanDoc d = Clean(in);
  const std::string& t = d.text.text();
  for (std::string_view piece :
       {std::string_view("Lumora Expands"), std::string_view(kPara1), std::string_view(kPara2)}) {
    size_t at = t.find(piece);
    ASSERT_NE(at, std::string::npos);
    Span s = d.text.ToInput(at, at + piece.size());
    EXPECT_EQ(in.substr(s.start, s.end - s.start), piece);
  }
  EXPECT_FALSE(Has(d, "nav"));
}

// Wire copy wrapped at ~70 columns, paragraphs indented: each paragraph is one
// unit, so lines that do not end a sentence are not mistaken for furniture.
TEST(CleanPlainText, HardWrappedWireCopyIsKeptWhole) {
  std::string in =
      "LUMORA TO BUY VANTEC STAKE\n\n"
      "Lumora Systems Inc said it agreed to buy a 20 pct stake in the\n"
      "cloud operator Vantec Corp for 150 mln dlrs in cash and said\n"
      "the deal was expected to close in the second quarter of the year.\n"
      "    Lumora said the two companies would also develop a new line of\n"
      "server chips together and that Vantec would buy the chips for\n"
      "its data centers in Europe and Asia over the next three years\n"
      "under a supply agreement signed on Monday in New York.\n"
      "    Vantec shares rose two dlrs to 41 dlrs in early trading on the\n"
      "news, while analysts said the price looked fair for both sides\n"
      "of the agreement.\n"
      " REUTER\n";
  CleanDoc d = Clean(in);
  EXPECT_EQ(d.title, "LUMORA TO BUY VANTEC STAKE");
  for (const char* piece :
       {"Lumora Systems Inc said", "cloud operator Vantec", "in the second quarter", "server chips together",
        "its data centers in Europe", "news, while analysts", "of the agreement."}) {
    EXPECT_TRUE(Has(d, piece)) << piece;
  }
  EXPECT_FALSE(Has(d, "REUTER"));
}

TEST(CleanPlainText, AShortWrappedLineThatStopsMidSentenceGoesOn) {
  std::string in =
      "LUMORA TO ACQUIRE VANTEC\n\n"
      "    Lumora Systems Inc agreed to acquire\n"
      "Vantec Corp of Ohio in a stock transaction, both companies\n"
      "said on Monday in a statement issued in New York and Columbus.\n"
      "    The deal is worth about 356 mln dlrs and is expected to be\n"
      "completed in June, the companies said in their joint statement.\n"
      "    Vantec shares rose two dlrs to 41 dlrs in early trading on the\n"
      "news, while analysts said the price looked fair for both sides.\n"
      " REUTER\n";
  CleanDoc d = Clean(in);
  EXPECT_TRUE(Has(d, "agreed to acquire\nVantec Corp")) << d.text.text();
}

// Random captures built from furniture-like and article-like pieces never
// crash, and every kept byte is the input byte its origin names.
TEST(CleanPlainText, RandomCapturesKeepExactOffsets) {
  const std::vector<std::string> pieces = {kPara1,
                                           kPara2,
                                           "Share",
                                           "Tags: a, b",
                                           "See also: x",
                                           "  • By Ann Lee",
                                           "\xE2\x80\xA2 May 2, 2024, 10:00",
                                           "Sunday, March 29, 2020",
                                           "Kommentare (0)",
                                           "Home | News | Tech",
                                           "Check out the expo webinars!",
                                           "\xC2\xA0\xC2\xA0",
                                           "Short Title Line",
                                           "am 14. Mai 2024",
                                           "\r",
                                           "- item one",
                                           "A.",
                                           "\xE2\x80\xA6"};
  std::mt19937 rng(42);
  for (int round = 0; round < 500; ++round) {
    std::string in;
    int lines = static_cast<int>(rng() % 12);
    for (int i = 0; i < lines; ++i) {
      in += pieces[rng() % pieces.size()];
      in += rng() % 3 ? "\n" : "\n\n";
    }
    CleanDoc d = Clean(in);
    const std::string& t = d.text.text();
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\n') continue;
      ASSERT_LT(d.text.Origin(i), in.size());
      ASSERT_EQ(t[i], in[d.text.Origin(i)]) << "round " << round << " byte " << i;
    }
  }
}

TEST(CleanPlainText, ShortAndOddInputs) {
  CleanDoc one = Clean("A fine article about Microsoft.");
  EXPECT_EQ(one.text.text(), "A fine article about Microsoft.");
  EXPECT_TRUE(Clean("\n\n\n").text.empty());
  CleanDoc crlf = Clean(std::string("Lumora Expands\r\n\r\n") + kPara1 + "\r\n");
  EXPECT_EQ(crlf.title, "Lumora Expands");
  EXPECT_EQ(crlf.text.text().find('\r'), std::string::npos);
}

}  // namespace
}  // namespace pactgraph
