#include "ner/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "ner/mentions.h"
#include "segment/segment.h"

namespace pactgraph {
namespace ner {
namespace {

std::string WriteTemp(const std::string& name, const std::string& body) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << body;
  return path;
}

std::vector<std::string> Pieces(std::string_view tok) {
  std::vector<Piece> ps;
  SplitToken(tok, 0, &ps);
  std::vector<std::string> out;
  for (const Piece& p : ps)
    out.push_back(std::string(tok.substr(p.start, p.end - p.start)) + (p.possessive ? "/P" : ""));
  return out;
}

TEST(FoldTest, LowersAsciiAndLatin1AndApostrophes) {
  EXPECT_EQ(Fold("ÜBER Straße"), "über straße");
  EXPECT_EQ(Fold("Samsung\xE2\x80\x99s"), "samsung's");
  EXPECT_EQ(FoldedHash("SK HYNIX"), FoldedHash("sk hynix"));
  EXPECT_NE(FoldedHash("SK Hynix"), FoldedHash("SK Hynux"));
}

TEST(ShapeTest, CapitalsOfLatin1Letters) {
  EXPECT_TRUE(StartsUpper("Österreich"));
  EXPECT_TRUE(StartsLower("übrigens"));
  EXPECT_TRUE(IsAllCaps("GTAA"));
  EXPECT_FALSE(IsAllCaps("A"));
  EXPECT_FALSE(IsAllCaps("Meta"));
}

TEST(SplitTokenTest, PunctuationAndPossessives) {
  EXPECT_EQ(Pieces("(GTAA),"), (std::vector<std::string>{"(", "GTAA", ")", ","}));
  EXPECT_EQ(Pieces("Samsung\xE2\x80\x99s"), (std::vector<std::string>{"Samsung", "\xE2\x80\x99s/P"}));
  EXPECT_EQ(Pieces("Electronics'"), (std::vector<std::string>{"Electronics", "'/P"}));
  EXPECT_EQ(Pieces("'s"), (std::vector<std::string>{"'s/P"}));
  EXPECT_EQ(Pieces("U.S."), (std::vector<std::string>{"U.S."}));
  EXPECT_EQ(Pieces("Corp."), (std::vector<std::string>{"Corp."}));
  EXPECT_EQ(Pieces("Seoul."), (std::vector<std::string>{"Seoul", "."}));
  EXPECT_EQ(Pieces("\xE2\x80\x9C"
                   "Future"),
            (std::vector<std::string>{"\xE2\x80\x9C", "Future"}));
  EXPECT_EQ(Pieces("Kye-hyun,"), (std::vector<std::string>{"Kye-hyun", ","}));
}

// MakeWords hashes and shapes a word in one pass over its bytes, and
// leaves plain tokens to no SplitToken call: its words must be SplitToken's
// pieces, with FoldedHash and the shape the byte tests say.
TEST(MakeWordsTest, WordsArePiecesWithTheirHashAndShape) {
  const std::string text =
      "(GTAA), Samsung\xE2\x80\x99s ÜBER-Chef Straße US-led 3.5% H100 mi300x "
      "\xE2\x80\x9C"
      "Future\xE2\x80\x9D U.S. Corp. Seoul. Kye-hyun, Électricité ÉDF AÖ "
      "a - -- 'S' s' 2004 x86-64 naïve İstanbul \xE2\x80\x94 \xC2\xABQuote\xC2\xBB ?! end";
  Segmented seg;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > b) seg.tokens.push_back(Token{static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
  }
  seg.sentences.push_back(
      Sentence{0, static_cast<uint32_t>(text.size()), 0, static_cast<uint32_t>(seg.tokens.size())});
  std::vector<Piece> pieces;
  for (const Token& t : seg.tokens)
    SplitToken(std::string_view(text).substr(t.start, t.end - t.start), t.start, &pieces);
  std::vector<Word> words = MakeWords(text, seg);
  ASSERT_EQ(words.size(), pieces.size());
  for (size_t k = 0; k < words.size(); ++k) {
    const Word& w = words[k];
    const std::string_view t =
        std::string_view(text).substr(pieces[k].start, pieces[k].end - pieces[k].start);
    ASSERT_EQ(w.text, t) << k;
    EXPECT_EQ(w.hash, FoldedHash(t)) << t;
    EXPECT_EQ(w.Is(kPossessive), pieces[k].possessive) << t;
    EXPECT_EQ(w.Is(kUpper), StartsUpper(t)) << t;
    EXPECT_EQ(w.Is(kLower), StartsLower(t)) << t;
    EXPECT_EQ(w.Is(kAllCaps), !StartsLower(t) && IsAllCaps(t)) << t;
    EXPECT_EQ(w.Is(kDigit), HasDigit(t)) << t;
    EXPECT_EQ(w.Is(kPunct), !HasDigit(t) && !HasLetter(t)) << t;
    EXPECT_EQ(w.Is(kHyphen), t.size() > 1 && t.find('-') != std::string_view::npos) << t;
  }
}

// Sentence, paragraph and headline-line flags, set as the words are made.
TEST(MakeWordsTest, SentenceParagraphAndTitleLines) {
  const std::string text =
      "Quorvant Buys Halvora Robotics Group\n\nThe deal was agreed. \"Shares rose\" on Monday\n"
      "Second Line Words Here Today.\nlast line";
  Segmented seg;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
    size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n') ++i;
    if (i > b) seg.tokens.push_back(Token{static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
  }
  std::vector<Word> words = MakeWords(text, seg);
  auto word = [&](std::string_view t) -> const Word& {
    for (const Word& w : words)
      if (w.text == t) return w;
    ADD_FAILURE() << t;
    return words[0];
  };
  EXPECT_TRUE(word("Quorvant").Is(kSentenceStart));
  EXPECT_TRUE(word("Quorvant").Is(kParagraphStart));
  EXPECT_TRUE(word("Robotics").Is(kHeadline));
  EXPECT_TRUE(word("Buys").Is(kTitleLine));
  EXPECT_TRUE(word("The").Is(kParagraphStart));
  EXPECT_FALSE(word("deal").Is(kTitleLine));
  EXPECT_FALSE(word("deal").Is(kSentenceStart));
  EXPECT_TRUE(word("\"").Is(kSentenceStart));
  EXPECT_TRUE(word("Shares").Is(kSentenceStart));
  EXPECT_FALSE(word("rose").Is(kSentenceStart));
  EXPECT_TRUE(word("Second").Is(kSentenceStart));
  EXPECT_FALSE(word("Second").Is(kParagraphStart));
  // Capitalised, but closed by a full stop: a title line, no headline.
  EXPECT_TRUE(word("Words").Is(kTitleLine));
  EXPECT_FALSE(word("Words").Is(kHeadline));
  EXPECT_FALSE(word("last").Is(kTitleLine));
  EXPECT_TRUE(word("last").Is(kSentenceStart));
}

TEST(GazetteerTest, LoadsAndFindsSequences) {
  std::string path = WriteTemp(
      "g_ok.tsv",
      "# pactgraph-gazetteer 1\n# comment\nAcme Widgets\tORG\t\t\nAW\tORG\tAcme Widgets\tcs,ambiguous\n");
  Gazetteer g;
  ASSERT_TRUE(g.AddFile(path).ok());
  EXPECT_EQ(g.size(), 2u);
  uint64_t h = CombineHash(CombineHash(0, FoldedHash("acme")), FoldedHash("WIDGETS"));
  const std::vector<uint32_t>* ids = g.Find(h);
  ASSERT_NE(ids, nullptr);
  EXPECT_EQ(g.entry((*ids)[0]).canonical, "Acme Widgets");
  const std::vector<uint32_t>* aw = g.Find(CombineHash(0, FoldedHash("AW")));
  ASSERT_NE(aw, nullptr);
  EXPECT_EQ(g.entry((*aw)[0]).flags, kCaseSensitive | kAmbiguous);
  EXPECT_EQ(g.max_words(), 2u);
}

// The key filter in front of the table must never turn away a key that is
// there: every key inserted (0, which the table stores as 1, and keys
// differing only in their top bits included) is found after all the
// rehashes, with its value.
TEST(HashIndexTest, FindsEveryInsertedKey) {
  HashIndex index;
  std::vector<uint64_t> keys = {0, uint64_t{1} << 63, (uint64_t{1} << 63) | 1, ~uint64_t{0}};
  uint64_t k = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 20000; ++i) {
    k = k * 6364136223846793005ull + 1442695040888963407ull;
    keys.push_back(k);
  }
  for (size_t i = 0; i < keys.size(); ++i) index[keys[i]] = static_cast<uint32_t>(i + 1);
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t* v = index.Find(keys[i]);
    ASSERT_NE(v, nullptr) << "key " << keys[i];
    EXPECT_EQ(*v, i + 1);
  }
  // And turns away absent keys (most of them by the filter alone).
  int found = 0;
  for (int i = 0; i < 1000; ++i) {
    k = k * 6364136223846793005ull + 1442695040888963407ull;
    found += index.Find(k) != nullptr;
  }
  EXPECT_EQ(found, 0);
  EXPECT_EQ(HashIndex().Find(0), nullptr);
}

// Every word sequence that starts a name of the shipped gazetteers is found
// as a prefix and every whole name as an entry (the filter has no false
// negatives on the real data).
TEST(GazetteerTest, FindsEveryPrefixOfTheShippedNames) {
  Gazetteer g;
  for (const char* f : {"orgs.tsv", "products.tsv", "places.tsv", "companies.tsv"})
    ASSERT_TRUE(g.AddFile(std::string(PACTGRAPH_DATA_DIR) + "/ner/" + f).ok()) << f;
  ASSERT_GT(g.size(), 1000u);
  for (uint32_t id = 0; id < g.size(); ++id) {
    const GazEntry& e = g.entry(id);
    EXPECT_TRUE(g.IsFirstWord(FoldedHash(e.words[0]))) << e.name;
    uint64_t h = 0;
    for (const std::string& w : e.words) {
      h = CombineHash(h, FoldedHash(w));
      EXPECT_TRUE(g.IsPrefix(h)) << e.name;
    }
    const std::vector<uint32_t>* ids = g.Find(h);
    ASSERT_NE(ids, nullptr) << e.name;
    EXPECT_NE(std::find(ids->begin(), ids->end(), id), ids->end()) << e.name;
  }
}

// A sequence's node says whether some name there starts without a capital:
// the walk skips the others for an uncapitalised word, so a name such as
// "eBay" that shares its words with a capitalised one must still say so.
TEST(GazetteerTest, NodeTellsUncapitalisedStarts) {
  Gazetteer g;
  ASSERT_TRUE(g.Add("Next", "ORG", "", 0).ok());
  ASSERT_TRUE(g.Add("Shell", "ORG", "", 0).ok());
  ASSERT_TRUE(g.Add("shell", "PRODUCT", "", kCaseSensitive).ok());
  ASSERT_TRUE(g.Add("eBay Motors", "ORG", "", 0).ok());
  ASSERT_TRUE(g.Add("EBAY", "ORG", "", 0).ok());
  const uint64_t next = CombineHash(0, FoldedHash("next"));
  const uint64_t shell = CombineHash(0, FoldedHash("shell"));
  const uint64_t ebay = CombineHash(0, FoldedHash("ebay"));
  const uint64_t ebay_motors = CombineHash(ebay, FoldedHash("motors"));
  ASSERT_NE(g.FindNode(next), nullptr);
  EXPECT_FALSE(Gazetteer::HasUncapitalisedStart(*g.FindNode(next)));
  EXPECT_TRUE(Gazetteer::HasUncapitalisedStart(*g.FindNode(shell)));
  EXPECT_FALSE(Gazetteer::HasUncapitalisedStart(*g.FindNode(ebay)));
  EXPECT_TRUE(Gazetteer::HasUncapitalisedStart(*g.FindNode(ebay_motors)));
  // The flag is no part of the entries' place.
  ASSERT_NE(g.Find(shell), nullptr);
  EXPECT_EQ(g.Find(shell)->size(), 2u);
  ASSERT_NE(g.Entries(*g.FindNode(ebay_motors)), nullptr);
  EXPECT_EQ(g.entry(g.Entries(*g.FindNode(ebay_motors))->at(0)).name, "eBay Motors");
}

// ClassifyWords reads one table built from the three: for every word of
// each (and for words of none) it must say what the three say.
TEST(ShippedDataTest, WordIndexAgreesWithTheThreeTables) {
  Resources res;
  const std::string dir = std::string(PACTGRAPH_DATA_DIR) + "/ner/";
  for (const char* f : {"orgs.tsv", "products.tsv", "places.tsv", "companies.tsv"})
    ASSERT_TRUE(res.gazetteer.AddFile(dir + f).ok()) << f;
  ASSERT_TRUE(res.lexicon.AddFile(dir + "lexicon.tsv").ok());
  ASSERT_TRUE(res.titles.AddFile(dir + "titles.tsv").ok());
  res.ResolveBits();
  std::vector<uint64_t> hashes = res.gazetteer.first_word_hashes();
  res.lexicon.ForEachWord([&hashes](uint64_t h, uint32_t) { hashes.push_back(h); });
  res.titles.ForEachFirstWord([&hashes](uint64_t h) { hashes.push_back(h); });
  for (const char* w : {"the", "said", "Quorvant", "Vorstandschef", "xyzzy", "Bank", "chief"})
    hashes.push_back(FoldedHash(w));
  ASSERT_GT(hashes.size(), 5000u);
  for (uint64_t h : hashes) {
    std::vector<Word> words(1);
    words[0].hash = h;
    ClassifyWords(res, &words);
    EXPECT_EQ(words[0].cls, res.lexicon.Mask(h)) << h;
    EXPECT_EQ(words[0].Is(kTitleStart), res.titles.IsFirstWord(h)) << h;
    EXPECT_EQ(words[0].Is(kGazStart), res.gazetteer.IsFirstWord(h)) << h;
  }
}

TEST(GazetteerTest, ErrorsNameFileAndLine) {
  Gazetteer g;
  Status st = g.AddFile(WriteTemp("g_bad_type.tsv", "# pactgraph-gazetteer 1\nAcme\tORG\nFoo\tCOMPANY\n"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("g_bad_type.tsv:3"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("COMPANY"), std::string::npos);

  st = g.AddFile(WriteTemp("g_bad_flag.tsv", "# pactgraph-gazetteer 1\nAcme\tORG\t\tloud\n"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(":2: unknown flag"), std::string::npos) << st.message();

  st = g.AddFile(WriteTemp("g_bad_head.tsv", "name\ttype\n"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(":1:"), std::string::npos);

  st = g.AddFile(WriteTemp("g_new.tsv", "# pactgraph-gazetteer 2\n"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("version 2"), std::string::npos);

  st = g.AddFile(::testing::TempDir() + "/does-not-exist.tsv");
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
}

TEST(TitleLexiconTest, LanguageAndStarEntries) {
  TitleLexicon t;
  ASSERT_TRUE(t.AddFile(WriteTemp("t.tsv",
                                  "# pactgraph-titles 1\nceo\t*\tCEO\nvice chairman\ten\tvice chairman\n"
                                  "gründer\tde\tfounder\n"))
                  .ok());
  uint64_t vc = CombineHash(CombineHash(0, FoldedHash("Vice")), FoldedHash("Chairman"));
  ASSERT_NE(t.Find(vc, "en"), nullptr);
  EXPECT_EQ(*t.Find(vc, "en"), "vice chairman");
  EXPECT_EQ(t.Find(vc, "de"), nullptr);
  EXPECT_NE(t.Find(CombineHash(0, FoldedHash("CEO")), "de"), nullptr);
  EXPECT_NE(t.Find(CombineHash(0, FoldedHash("Gründer")), "de"), nullptr);
  Status st = t.AddFile(WriteTemp("t_bad.tsv", "# pactgraph-titles 1\nboss\tfr\thead\n"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("t_bad.tsv:2"), std::string::npos);
}

TEST(ShippedDataTest, AllNerDataFilesLoad) {
  std::string dir = std::string(PACTGRAPH_DATA_DIR) + "/ner/";
  Gazetteer g;
  for (const char* f : {"orgs.tsv", "products.tsv", "places.tsv", "companies.tsv"}) {
    Status st = g.AddFile(dir + f);
    EXPECT_TRUE(st.ok()) << st.message();
  }
  EXPECT_GT(g.size(), 3000u);
  WordLexicon lx;
  ASSERT_TRUE(lx.AddFile(dir + "lexicon.tsv").ok());
  EXPECT_TRUE(lx.Has("month", "März"));
  EXPECT_TRUE(lx.Has("event_head", "Gipfel"));
  TitleLexicon t;
  ASSERT_TRUE(t.AddFile(dir + "titles.tsv").ok());
}

}  // namespace
}  // namespace ner
}  // namespace pactgraph
