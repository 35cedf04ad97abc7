#include "clean/html_metric.h"

#include <gtest/gtest.h>

namespace pactgraph {
namespace {

TEST(WordTokens, MatchesPythonWordCharacters) {
  std::vector<std::string_view> t = WordTokens("Caf\xc3\xa9 \xe2\x80\x9cna\xc3\xafve\xe2\x80\x9d x_y 3\xc2\xbd! \xe2\x80\x94 42");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0], "Caf\xc3\xa9");
  EXPECT_EQ(t[1], "na\xc3\xafve");
  EXPECT_EQ(t[2], "x_y");
  EXPECT_EQ(t[3], "3\xc2\xbd");  // VULGAR FRACTION ONE HALF has a numeric value
  EXPECT_EQ(t[4], "42");
  EXPECT_TRUE(WordTokens(" ,.;\xe2\x80\x94 ").empty());
}

TEST(MatchShingles, CountsAndNormalises) {
  // truth: a b c d e -> shingles abcd, bcde; predicted: a b c d x -> abcd, bcdx.
  ShingleMatch m = MatchShingles("a b c d e", "a b c d x");
  EXPECT_DOUBLE_EQ(m.tp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.fn, 1.0 / 3);
  ShingleMatch same = MatchShingles("one two three four five", "one, two. three four five!");
  EXPECT_DOUBLE_EQ(same.tp, 1.0);
  ShingleMatch empty = MatchShingles("", "");
  EXPECT_EQ(empty.tp + empty.fp + empty.fn, 0.0);
  ShingleMatch short_text = MatchShingles("two words", "two words");  // one short shingle
  EXPECT_DOUBLE_EQ(short_text.tp, 1.0);
}

TEST(AverageShingleScores, MeansOverPagesThenHarmonicMean) {
  std::vector<ShingleMatch> pages = {{1.0, 0, 0}, {0.5, 0.5, 0}, {0, 0, 0}, {0, 0, 1.0}};
  PrfScores s = AverageShingleScores(pages);
  EXPECT_DOUBLE_EQ(s.precision, (1.0 + 0.5) / 2);       // pages with tp+fp > 0
  EXPECT_DOUBLE_EQ(s.recall, (1.0 + 1.0 + 0.0) / 3);   // pages with tp+fn > 0
  EXPECT_NEAR(s.f1, 2 * 0.75 * (2.0 / 3) / (0.75 + 2.0 / 3), 1e-12);
}

}  // namespace
}  // namespace pactgraph
