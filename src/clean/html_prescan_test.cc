#include "clean/html_prescan.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

namespace pactgraph {
namespace {

TEST(StrippedHtml, DropsScriptStyleSvgBodiesKeepsJsonLdAndText) {
  std::string html =
      "<head><script>var a = '<p>not text</p>';</script><style>p { x: y }</style>"
      "<script type=\"application/ld+json\">{\"datePublished\":\"2020-01-01\"}</script></head>"
      "<body><p>Kept text</p><svg viewBox='0 0 1 1'><path d='M0 0'/></svg><p>More</p>"
      "<!-- <script> in a comment --><p>After comment</p><title><script>in title</script></title></body>";
  StrippedHtml s = StrippedHtml::Strip(html);
  const std::string& t = s.text();
  EXPECT_EQ(t.find("not text"), std::string::npos) << t;
  EXPECT_EQ(t.find("x: y"), std::string::npos);
  EXPECT_EQ(t.find("M0 0"), std::string::npos);
  EXPECT_NE(t.find("datePublished"), std::string::npos);
  EXPECT_EQ(t.rfind("<head><script></script><style></style><script type=", 0), 0u) << t;  // tags stay
  EXPECT_NE(t.find("<!-- <script> in a comment -->"), std::string::npos);
  EXPECT_NE(t.find("<script>in title</script>"), std::string::npos);  // title text is not markup
  for (const char* word : {"Kept text", "More", "After comment", "datePublished"}) {
    size_t at = t.find(word);
    ASSERT_NE(at, std::string::npos) << word;
    EXPECT_EQ(html.compare(s.ToOriginal(at), std::strlen(word), word), 0) << word;
  }
  EXPECT_EQ(s.ToOriginal(t.size()), html.size());
}

TEST(StrippedHtml, UnterminatedAndSelfClosing) {
  EXPECT_EQ(StrippedHtml::Strip("<p>a</p><script>never closed <p>b").text(), "<p>a</p><script>never closed <p>b");
  EXPECT_EQ(StrippedHtml::Strip("<svg/><p>text</p></svg>").text(), "<svg/><p>text</p></svg>");
  EXPECT_EQ(StrippedHtml::Strip("<script src=x /><p>eaten</p></script>").text(), "<script src=x /></script>");
  EXPECT_EQ(StrippedHtml::Strip("<scripts>kept</scripts>").text(), "<scripts>kept</scripts>");
  EXPECT_EQ(StrippedHtml::Strip("").text(), "");
}

TEST(StrippedHtml, CutsPagesNestedTooDeep) {
  std::string deep;
  for (int i = 0; i < 50; ++i) deep += "<div><b>";
  StrippedHtml s = StrippedHtml::Strip(deep + "text", 60);
  EXPECT_TRUE(s.truncated());
  EXPECT_EQ(s.text().size(), 30 * std::string("<div><b>").size());
  // Self-closing and auto-closed elements do not count.
  std::string flat;
  for (int i = 0; i < 100; ++i) flat += "<p>para<li>item<br><img src=x></div></b>";
  EXPECT_FALSE(StrippedHtml::Strip(flat, 60).truncated());
}

TEST(StrippedHtml, RandomInputMapsInsideThePage) {
  std::mt19937 rng(7);
  const char* pieces[] = {"<script>", "</script>", "<style a='>'>", "</style>", "<svg", "/>", "</svg>", "<!--",
                          "-->", "<title>", "</title>", "text", "<", ">", "'", "\""};
  for (int round = 0; round < 500; ++round) {
    std::string html;
    for (int i = rng() % 40; i > 0; --i) html += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    StrippedHtml s = StrippedHtml::Strip(html);
    ASSERT_LE(s.text().size(), html.size());
    for (size_t i = 0; i < s.text().size(); ++i) {
      ASSERT_LT(s.ToOriginal(i), html.size());
      ASSERT_EQ(html[s.ToOriginal(i)], s.text()[i]);
    }
  }
}

}  // namespace
}  // namespace pactgraph
