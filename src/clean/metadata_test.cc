#include "clean/metadata.h"

#include <gtest/gtest.h>

namespace pactgraph {
namespace {

std::string Iso(std::string_view s) { return FindDate(s).iso; }

TEST(FindDate, EnglishForms) {
  EXPECT_EQ(Iso("November 7, 2018, 18:15"), "2018-11-07");
  EXPECT_EQ(Iso("Updated Nov. 7, 2018"), "2018-11-07");
  EXPECT_EQ(Iso("Sunday, March 29, 2020"), "2020-03-29");
  EXPECT_EQ(Iso("on 7 November 2018 in Seoul"), "2018-11-07");
  EXPECT_EQ(Iso("the 3rd of May, 2021"), "2021-05-03");
  EXPECT_EQ(Iso("in September 2014"), "2014-09");
}

TEST(FindDate, GermanAndNumericForms) {
  EXPECT_EQ(Iso("am 14. Mai 2024"), "2024-05-14");
  EXPECT_EQ(Iso("3. Oktober 2024"), "2024-10-03");
  EXPECT_EQ(Iso("Veröffentlicht: 14.05.2024, 09:30 Uhr"), "2024-05-14");
  EXPECT_EQ(Iso("1. März 2023"), "2023-03-01");
  EXPECT_EQ(Iso("2018-11-07T18:15:00Z"), "2018-11-07");
  EXPECT_EQ(Iso("2018/11/07"), "2018-11-07");
}

TEST(FindDate, RejectsImpossibleDates) {
  EXPECT_EQ(Iso("February 30, 2020"), "");
  EXPECT_EQ(Iso("31.04.2024"), "");
  EXPECT_EQ(Iso("May 14, 1812"), "");
  EXPECT_EQ(Iso("revenue of 1,234 in 2020"), "");
  EXPECT_EQ(Iso("February 29, 2023"), "");
  EXPECT_EQ(Iso("February 29, 2024"), "2024-02-29");
}

TEST(FindDate, ReportsTheSpan) {
  std::string s = "By Kim • November 7, 2018, 18:15";
  DateMatch m = FindDate(s);
  ASSERT_TRUE(m.found());
  EXPECT_EQ(s.substr(m.begin, m.end - m.begin), "November 7, 2018");
}

TEST(IsDateLine, OnlyDatesWithLabelsAndTimes) {
  EXPECT_TRUE(IsDateLine("Sunday, March 29, 2020"));
  EXPECT_TRUE(IsDateLine("November 7, 2018, 18:15"));
  EXPECT_TRUE(IsDateLine("Published: 14.05.2024 | 09:30 Uhr"));
  EXPECT_TRUE(IsDateLine("Stand: 3. Oktober 2024"));
  EXPECT_TRUE(IsDateLine("04.03.2026 · 10:15 Uhr"));
  EXPECT_TRUE(IsDateLine("• March 3, 2025 — 09:10 CET"));
  EXPECT_FALSE(IsDateLine("Samsung and Microsoft met on November 7, 2018."));
  EXPECT_FALSE(IsDateLine("The summit takes place on May 14, 2024"));
  EXPECT_FALSE(IsDateLine("No date here"));
}

TEST(IsBylineLine, AuthorsButNotSentences) {
  EXPECT_TRUE(IsBylineLine("By Kim Eun-jin"));
  EXPECT_TRUE(IsBylineLine("• By Jane Doe and John Roe • May 2, 2024"));
  EXPECT_TRUE(IsBylineLine("Von Anna Schmidt"));
  EXPECT_TRUE(IsBylineLine("Posted by Lee Min-ho | 2 hours ago"));
  EXPECT_TRUE(IsBylineLine("Author: staff writer"));
  EXPECT_FALSE(IsBylineLine("By potentially embedding its services, Microsoft gains."));
  EXPECT_FALSE(IsBylineLine("By 2025, the market will double."));
  EXPECT_FALSE(IsBylineLine("Von den Gesprächen erwarten beide viel."));
  EXPECT_FALSE(IsBylineLine("Microsoft and Samsung"));
}

}  // namespace
}  // namespace pactgraph
