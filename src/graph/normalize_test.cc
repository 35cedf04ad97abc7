#include "graph/normalize.h"

#include <gtest/gtest.h>

namespace pactgraph::graph {
namespace {

std::string Key(const char* name, const char* type = "ORG") { return MakeNameKey(name, type).key; }

TEST(graph_normalize_NameKey, CaseHyphenAndSpacingVariantsShareAKey) {
  EXPECT_EQ(Key("Kwak Noh-jung", "PERSON"), Key("Kwak Noh-Jung", "PERSON"));
  EXPECT_EQ(Key("Kwak Noh-jung", "PERSON"), Key("KWAK Noh Jung", "PERSON"));
  EXPECT_EQ(Key("SK hynix"), Key("SK-Hynix"));
  EXPECT_EQ(Key("Kwak Noh-jung", "PERSON"), "kwaknohjung");
}

TEST(graph_normalize_NameKey, UnicodeIsFoldedWithNfkc) {
  EXPECT_EQ(Key("ＳＡＭＳＵＮＧ"), "samsung");             // full-width letters
  EXPECT_EQ(Key("STRAßE", "LOC"), Key("strasse", "LOC"));  // case folding of ß
  EXPECT_EQ(Key("Samsung\u2019s"), "samsung");             // curly possessive
}

TEST(graph_normalize_NameKey, PossessivesArticlesAndCorporateSuffixesAreDropped) {
  EXPECT_EQ(Key("Samsung's"), "samsung");
  EXPECT_EQ(Key("Microsoft Corp."), "microsoft");
  EXPECT_EQ(Key("Samsung Electronics Co., Ltd."), "samsungelectronics");
  EXPECT_EQ(Key("Siemens AG"), "siemens");
  EXPECT_EQ(Key("The Korea Times"), "koreatimes");
  EXPECT_EQ(Key("Inc"), "inc");  // a name is never emptied by suffix stripping
}

TEST(graph_normalize_NameKey, GermanGroupWordsMatchEnglish) {
  EXPECT_EQ(Key("des SK-Konzerns"), Key("SK Group"));
  EXPECT_EQ(Key("SK-Gruppe"), Key("SK Group"));
}

TEST(graph_normalize_NameKey, GenitiveKeyIsOfferedOnlyForOrganisations) {
  EXPECT_EQ(MakeNameKey("Samsungs", "ORG").genitive_key, "samsung");
  EXPECT_EQ(MakeNameKey("Samsungs", "PERSON").genitive_key, "");
  EXPECT_EQ(MakeNameKey("LG", "ORG").genitive_key, "");
}

TEST(graph_normalize_NameKey, DistinctCompaniesKeepDistinctKeys) {
  EXPECT_NE(Key("SK Group"), Key("SK Hynix"));
  EXPECT_NE(Key("SK Hynix"), Key("SK Telecom"));
  EXPECT_NE(Key("Samsung Electronics"), Key("Samsung Device Solutions"));
}

TEST(graph_normalize_EditDistance, CountsEditsAndTranspositions) {
  EXPECT_EQ(BoundedEditDistance("mack1", "mach1", 2), 1);
  EXPECT_EQ(BoundedEditDistance("cheyst", "chey", 2), 2);
  EXPECT_EQ(BoundedEditDistance("abcd", "abdc", 2), 1);
  EXPECT_EQ(BoundedEditDistance("samsung", "samsung", 0), 0);
}

TEST(graph_normalize_EditDistance, GivesUpAboveTheLimit) {
  EXPECT_EQ(BoundedEditDistance("skhynix", "sktelecom", 2), 3);
  EXPECT_EQ(BoundedEditDistance("a", "abcdef", 1), 2);
}

TEST(graph_normalize_EditDistance, MatchesAPlainReferenceOnManyPairs) {
  // Full dynamic programming, no bound: the obviously-right version.
  auto reference = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
      for (size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.size()][b.size()];
  };
  const char* words[] = {"",     "a",      "ab",    "ba",    "mach",    "mack",
                         "chey", "cheyst", "hynix", "hyinx", "telecom", "samsung"};
  for (const char* a : words) {
    for (const char* b : words) {
      int ref = reference(a, b);
      for (int limit = 0; limit <= 3; ++limit) {
        EXPECT_EQ(BoundedEditDistance(a, b, limit), std::min(ref, limit + 1))
            << a << " / " << b << " limit " << limit;
      }
    }
  }
}

TEST(graph_normalize_Digits, KeepsModelNumbers) {
  EXPECT_EQ(Digits("mach1"), "1");
  EXPECT_NE(Digits("mach1"), Digits("mach2"));
}

}  // namespace
}  // namespace pactgraph::graph
