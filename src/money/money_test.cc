#include "money/money.h"

#include <gtest/gtest.h>

#include <string>

namespace pactgraph {
namespace {

struct Case {
  const char* lang;
  const char* text;
  const char* span;   // expected covered text
  double value, high;
  const char* currency;
  bool approximate;
};

class MoneyCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(MoneyCaseTest, FindsAndNormalises) {
  const Case& c = GetParam();
  std::string text = c.text;
  std::vector<Money> found = FindMoney(text, c.lang);
  ASSERT_EQ(found.size(), 1u) << text;
  const Money& m = found[0];
  EXPECT_EQ(text.substr(m.start, m.end - m.start), c.span) << text;
  EXPECT_DOUBLE_EQ(m.value, c.value) << text;
  EXPECT_DOUBLE_EQ(m.high, c.high) << text;
  EXPECT_EQ(m.currency, c.currency) << text;
  EXPECT_EQ(m.approximate, c.approximate) << text;
}

INSTANTIATE_TEST_SUITE_P(
    English, MoneyCaseTest,
    ::testing::Values(
        Case{"en", "SK Telecom invested $100 million in Anthropic.", "$100 million", 1e8, 1e8, "USD", false},
        Case{"en", "a deal worth US$3.87 billion", "US$3.87 billion", 3.87e9, 3.87e9, "USD", false},
        Case{"en", "raised USD 5bn last year", "USD 5bn", 5e9, 5e9, "USD", false},
        Case{"en", "a €2bn plant", "€2bn", 2e9, 2e9, "EUR", false},
        Case{"en", "EUR 1.2 billion in funding", "EUR 1.2 billion", 1.2e9, 1.2e9, "EUR", false},
        Case{"en", "sold for £30m", "£30m", 3e7, 3e7, "GBP", false},
        Case{"en", "an investment of ₩1 trillion", "₩1 trillion", 1e12, 1e12, "KRW", false},
        Case{"en", "spend 1 trillion won on chips", "1 trillion won", 1e12, 1e12, "KRW", false},
        Case{"en", "a ¥500 billion budget", "¥500 billion", 5e11, 5e11, "JPY", false},
        Case{"en", "valued at $1-2 billion", "$1-2 billion", 1e9, 2e9, "USD", false},
        Case{"en", "between $1 billion and $2 billion", "between $1 billion and $2 billion", 1e9, 2e9, "USD", false},
        Case{"en", "about $752 million", "about $752 million", 7.52e8, 7.52e8, "USD", true},
        Case{"en", "more than $5 billion", "more than $5 billion", 5e9, 5e9, "USD", true},
        Case{"en", "It cost $1,250,000.", "$1,250,000", 1.25e6, 1.25e6, "USD", false},
        Case{"en", "a $100-million fund", "$100-million", 1e8, 1e8, "USD", false},
        Case{"en", "five billion dollars", "five billion dollars", 5e9, 5e9, "USD", false},
        Case{"en", "2.5 billion U.S. dollars", "2.5 billion U.S. dollars", 2.5e9, 2.5e9, "USD", false}));

INSTANTIATE_TEST_SUITE_P(
    German, MoneyCaseTest,
    ::testing::Values(
        Case{"de", "ein 752-Millionen-Dollar-Auftrag", "752-Millionen-Dollar", 7.52e8, 7.52e8, "USD", false},
        Case{"de", "investiert 1,5 Milliarden Euro", "1,5 Milliarden Euro", 1.5e9, 1.5e9, "EUR", false},
        Case{"de", "kostet rund 2 Mrd. Euro", "rund 2 Mrd. Euro", 2e9, 2e9, "EUR", true},
        Case{"de", "für 3,87 Mrd. US-Dollar", "3,87 Mrd. US-Dollar", 3.87e9, 3.87e9, "USD", false},
        Case{"de", "zwischen 1 und 2 Milliarden Euro", "zwischen 1 und 2 Milliarden Euro", 1e9, 2e9, "EUR", false},
        Case{"de", "mehr als 100 Millionen Dollar", "mehr als 100 Millionen Dollar", 1e8, 1e8, "USD", true},
        Case{"de", "knapp 50 Mio. Euro", "knapp 50 Mio. Euro", 5e7, 5e7, "EUR", true},
        Case{"de", "ein Umsatz von 1.234.567 Euro", "1.234.567 Euro", 1234567, 1234567, "EUR", false},
        Case{"de", "Preis: 12,99 €", "12,99 €", 12.99, 12.99, "EUR", false},
        Case{"de", "1 Billion Won", "1 Billion Won", 1e12, 1e12, "KRW", false},
        Case{"de", "zwei Milliarden Euro", "zwei Milliarden Euro", 2e9, 2e9, "EUR", false}));

TEST(MoneyTest, NumbersWithoutCurrencyAreNotMoney) {
  EXPECT_TRUE(FindMoney("They hired 100 million people in 2024.", "en").empty());
  EXPECT_TRUE(FindMoney("Samsung won 3 awards.", "en").empty());
  EXPECT_TRUE(FindMoney("Er wog 200 Pfund.", "de").empty());
  EXPECT_TRUE(FindMoney("", "en").empty());
}

TEST(MoneyTest, SeveralAmountsInOneText) {
  std::string text = "Revenue rose to $5 billion from $4.2 billion; in Europe €300m.";
  std::vector<Money> found = FindMoney(text, "en");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_DOUBLE_EQ(found[0].value, 5e9);
  EXPECT_DOUBLE_EQ(found[1].value, 4.2e9);
  EXPECT_EQ(found[2].currency, "EUR");
  EXPECT_DOUBLE_EQ(found[2].value, 3e8);
}

TEST(MoneyTest, DecimalMarkFollowsLanguage) {
  EXPECT_DOUBLE_EQ(FindMoney("$1.250 billion", "en").at(0).value, 1.25e9);
  EXPECT_DOUBLE_EQ(FindMoney("1.250 Euro", "de").at(0).value, 1250);
  EXPECT_DOUBLE_EQ(FindMoney("1,5 Mio. Euro", "de").at(0).value, 1.5e6);
}

TEST(MoneyTest, GermanBillionIsTenToTheTwelfth) {
  EXPECT_DOUBLE_EQ(FindMoney("2 Billionen Dollar", "de").at(0).value, 2e12);
  EXPECT_DOUBLE_EQ(FindMoney("2 billion dollars", "en").at(0).value, 2e9);
}

TEST(MoneyTest, NeverCrashesOnOddBytes) {
  std::string junk = "$\xff\xfe 5 \xe2\x82 \xe2\x82\xac - - bis $ , . 1,,,2 Mrd.";
  for (size_t cut = 0; cut <= junk.size(); ++cut) FindMoney(junk.substr(0, cut), "de");
  SUCCEED();
}

}  // namespace
}  // namespace pactgraph

namespace pactgraph {
namespace {

TEST(MoneyTest, ChangeFromToIsTwoAmounts) {
  std::vector<Money> found = FindMoney("Sales rose from $4 billion to $5 billion.", "en");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_DOUBLE_EQ(found[0].high, 4e9);
  EXPECT_DOUBLE_EQ(found[1].value, 5e9);
}

TEST(MoneyTest, GermanRangeWithBis) {
  std::vector<Money> found = FindMoney("Kosten von 1 bis 2 Milliarden Euro; Umsatz stieg von 4 auf 5 Mrd. Euro", "de");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_DOUBLE_EQ(found[0].value, 1e9);
  EXPECT_DOUBLE_EQ(found[0].high, 2e9);
  EXPECT_DOUBLE_EQ(found[1].value, 5e9);
  EXPECT_DOUBLE_EQ(found[1].high, 5e9);
}

}  // namespace
}  // namespace pactgraph

namespace pactgraph {
namespace {

TEST(MoneyTest, MoreSurfaceForms) {
  auto one = [](const char* text, const char* lang) {
    std::vector<Money> found = FindMoney(text, lang);
    EXPECT_EQ(found.size(), 1u) << text;
    return found.empty() ? Money() : found[0];
  };
  Money m = one("a $1bn-$2bn range", "en");
  EXPECT_DOUBLE_EQ(m.value, 1e9);
  EXPECT_DOUBLE_EQ(m.high, 2e9);
  m = one("paid US$ 3.87 billion", "en");
  EXPECT_DOUBLE_EQ(m.value, 3.87e9);
  EXPECT_EQ(m.currency, "USD");
  m = one("ein Volumen von 500 Mio. CHF", "de");
  EXPECT_DOUBLE_EQ(m.value, 5e8);
  EXPECT_EQ(m.currency, "CHF");
  m = one("HK$2.5 billion", "en");
  EXPECT_EQ(m.currency, "HKD");
  m = one("an estimated $4 billion", "en");
  EXPECT_TRUE(m.approximate);
  EXPECT_EQ(FindMoney("a $4 billion deal", "en").at(0).approximate, false);
  m = one("nearly a billion dollars", "en");
  EXPECT_DOUBLE_EQ(m.value, 1e9);
  EXPECT_TRUE(m.approximate);
  m = one("eine Milliarde Euro", "de");
  EXPECT_DOUBLE_EQ(m.value, 1e9);
}

}  // namespace
}  // namespace pactgraph
