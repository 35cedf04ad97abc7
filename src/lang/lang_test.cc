#include "lang/lang.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace pactgraph {
namespace {

TEST(Lang, EnglishAndGermanArticles) {
  LangGuess en = DetectLanguage(
      "Samsung Electronics and Microsoft have agreed to strengthen their cooperation in artificial "
      "intelligence and cloud computing, the two companies said on Wednesday after a meeting in Seoul. "
      "Analysts expect the deal to raise the supply of memory chips for data centers next year.");
  EXPECT_EQ(en.code, "en");
  EXPECT_GT(en.confidence, 0.8);
  LangGuess de = DetectLanguage(
      "Samsung Electronics und Microsoft wollen ihre Zusammenarbeit bei künstlicher Intelligenz und "
      "Cloud-Diensten ausbauen, teilten die beiden Unternehmen nach einem Treffen in Seoul mit. Analysten "
      "erwarten, dass die Lieferungen von Speicherchips für Rechenzentren im nächsten Jahr steigen.");
  EXPECT_EQ(de.code, "de");
  EXPECT_GT(de.confidence, 0.8);
}

TEST(Lang, ShortTextStillWorks) {
  EXPECT_EQ(DetectLanguage("Microsoft and the chip makers met in Seoul.").code, "en");
  EXPECT_EQ(DetectLanguage("Microsoft und die Chiphersteller trafen sich in Seoul.").code, "de");
  EXPECT_EQ(DetectLanguage("Das ist nicht gut.").code, "de");
}

// Function words are matched whatever their ASCII case, in eight-byte loads
// and near the end of the text alike; words of nine bytes or more never match.
TEST(Lang, FunctionWordsIgnoreCase) {
  std::string en, de;
  for (int i = 0; i < 8; ++i) {
    en += "THE Firm SAID That It Was Bought By Investors ";
    de += "DER Konzern TEILTE Mit DASS Die Firma Nicht Verkauft WERDEN ";
  }
  EXPECT_EQ(DetectLanguage(en).code, "en");
  EXPECT_EQ(DetectLanguage(de).code, "de");
  EXPECT_EQ(DetectLanguage("Die Firma, DAS Werk").code, "de");
}

TEST(Lang, OtherLanguagesAndNoiseAreOther) {
  EXPECT_EQ(DetectLanguage("Samsung Electronics et Microsoft ont convenu de renforcer leur coopération dans "
                           "l'intelligence artificielle et le cloud, ont annoncé les deux entreprises mercredi "
                           "après une réunion à Séoul.")
                .code,
            "other");
  LangGuess noise = DetectLanguage("12345 67890 !!! ---");
  EXPECT_EQ(noise.code, "other");
  EXPECT_EQ(DetectLanguage("").code, "other");
  // A cut in the middle of a UTF-8 character is tolerated.
  std::string cut = "Größe";
  EXPECT_NO_FATAL_FAILURE(DetectLanguage(std::string_view(cut).substr(0, 3)));
}

// The language recorded in each gold file of the shared dev set must come out
// of the raw article text.
TEST(Lang, SharedDevArticles) {
  namespace fs = std::filesystem;
  fs::path dev = fs::path(PACTGRAPH_SHARED_DIR) / "eval" / "dev";
  if (!fs::exists(dev / "gold")) GTEST_SKIP() << "no " << dev;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dev / "gold")) {
    std::ifstream g(entry.path());
    std::stringstream gs;
    gs << g.rdbuf();
    std::string gold = gs.str();
    size_t k = gold.find("\"lang\": \"");
    if (k == std::string::npos) continue;
    std::string want = gold.substr(k + 9, 2);
    std::ifstream d(dev / "docs" / (entry.path().stem().string() + ".txt"));
    std::stringstream ds;
    ds << d.rdbuf();
    EXPECT_EQ(DetectLanguage(ds.str()).code, want) << entry.path();
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace pactgraph
