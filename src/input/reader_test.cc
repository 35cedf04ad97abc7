#include "input/reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace pactgraph {
namespace {

namespace fs = std::filesystem;

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pactgraph_reader_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  void Read(const std::vector<std::string>& paths, size_t max_bytes = 1 << 20) {
    ReaderOptions opt;
    opt.max_bytes = max_bytes;
    articles_.clear();
    errors_.clear();
    ForEachArticle(
        paths, opt, [&](Article&& a) { articles_.push_back(std::move(a)); },
        [&](const Status& s) { errors_.push_back(s.message()); });
  }

  fs::path dir_;
  std::vector<Article> articles_;
  std::vector<std::string> errors_;
};

TEST_F(ReaderTest, FoldersAreRecursiveAndSorted) {
  Write("b.txt", "second");
  Write("a.html", "<p>first</p>");
  Write("sub/c.txt", "third");
  Write("notes.md", "ignored");
  Read({dir_.string()});
  ASSERT_EQ(articles_.size(), 3u);
  EXPECT_EQ(articles_[0].bytes, "<p>first</p>");
  EXPECT_EQ(articles_[0].format, InputFormat::kHtml);
  EXPECT_EQ(articles_[1].bytes, "second");
  EXPECT_EQ(articles_[2].bytes, "third");
  EXPECT_TRUE(errors_.empty());
}

// Files come in std::filesystem::path order, element by element: a folder's
// files before those of a sibling whose name extends the folder's ("sub/"
// before "sub-x.txt" and "sub.txt", though '-' and '.' sort before '/').
TEST_F(ReaderTest, FolderOrderIsPathOrder) {
  fs::create_directories(dir_ / "sub" / "deeper");
  for (const char* name : {"sub-x.txt", "sub.txt", "sub/z.txt", "sub/deeper/y.txt", "Sub.txt", "su.txt"}) {
    Write(name, name);
  }
  Read({dir_.string() + "/"});
  std::vector<fs::path> want;
  for (const auto& e : fs::recursive_directory_iterator(dir_)) {
    if (e.is_regular_file()) want.push_back(e.path());
  }
  std::sort(want.begin(), want.end());
  ASSERT_EQ(articles_.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(articles_[i].bytes, want[i].lexically_relative(dir_).string()) << i;
  EXPECT_EQ(articles_[1].bytes, "su.txt");
  EXPECT_EQ(articles_[2].bytes, "sub/deeper/y.txt");
}

TEST_F(ReaderTest, JsonlLinesAndTheirErrorsNameTheLine) {
  std::string p = Write("x.jsonl",
                        "\xEF\xBB\xBF{\"text\": \"one\", \"id\": \"a\", \"published\": \"2024-05-14\"}\r\n"
                        "\n"
                        "not json\n"
                        "{\"html\": \"<p>two</p>\", \"url\": \"http://x\"}\n"
                        "{\"text\": 5}\n"
                        "[1]\n"
                        "{\"id\": \"no text\"}");
  Read({p});
  ASSERT_EQ(articles_.size(), 2u);
  EXPECT_EQ(articles_[0].id, "a");
  EXPECT_EQ(articles_[0].published, "2024-05-14");
  EXPECT_EQ(articles_[1].format, InputFormat::kHtml);
  EXPECT_EQ(articles_[1].url, "http://x");
  ASSERT_EQ(errors_.size(), 4u);
  EXPECT_NE(errors_[0].find("x.jsonl:3"), std::string::npos) << errors_[0];
  EXPECT_NE(errors_[1].find("x.jsonl:5"), std::string::npos) << errors_[1];
  EXPECT_NE(errors_[2].find("x.jsonl:6"), std::string::npos) << errors_[2];
  EXPECT_NE(errors_[3].find("x.jsonl:7"), std::string::npos) << errors_[3];
}

TEST_F(ReaderTest, OversizedFilesAndLinesAreRefusedAndTheRestGoesOn) {
  std::string big = Write("big.txt", std::string(200, 'a'));
  std::string small = Write("small.txt", "fine");
  std::string lines = Write("l.jsonl", "{\"text\": \"" + std::string(300, 'b') + "\"}\n{\"text\": \"ok\"}\n");
  Read({big, small, lines}, 100);
  ASSERT_EQ(articles_.size(), 2u);
  EXPECT_EQ(articles_[0].bytes, "fine");
  EXPECT_EQ(articles_[1].bytes, "ok");
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_NE(errors_[0].find("over the limit"), std::string::npos);
  EXPECT_NE(errors_[1].find("l.jsonl:1"), std::string::npos);
}

TEST_F(ReaderTest, MissingPathsAreReported) {
  Read({(dir_ / "nope.txt").string()});
  EXPECT_TRUE(articles_.empty());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("nope.txt"), std::string::npos);
}

TEST_F(ReaderTest, UnknownExtensionGivenDirectlyIsSniffed) {
  std::string p = Write("page", "  <html><p>x</p></html>");
  Read({p});
  ASSERT_EQ(articles_.size(), 1u);
  EXPECT_EQ(articles_[0].format, InputFormat::kHtml);
}

}  // namespace
}  // namespace pactgraph
