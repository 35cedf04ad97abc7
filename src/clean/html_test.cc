#include <gtest/gtest.h>

#include <random>
#include <string>

#include "clean/clean.h"
#include "clean/html_extract.h"

namespace pactgraph {
namespace {

constexpr const char* kArticleParagraphs =
    "<p>Samsung Electronics and Naver signed a deal worth 752 million dollars on Tuesday, "
    "the companies said, for a new accelerator chip.</p>\n"
    "<p>The agreement, reported first by a Korean newspaper, covers several years of supply "
    "and joint work on software for large language models.</p>\n"
    "<p>Analysts said the deal could help Samsung compete with Nvidia, which dominates the "
    "market for training chips, and with other rivals.</p>\n"
    "<p>Naver plans to use the chips in its own data centers, a spokesman said, without "
    "giving a date for the first deliveries.</p>\n";

std::string Page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

HtmlArticle Extract(const std::string& html, bool title = true) {
  HtmlExtractOptions o;
  o.include_title = title;
  return ExtractHtmlArticle(IdentityText(html), o);
}

// Every ASCII letter or digit in the output was copied from the page byte its
// origin names (entities decode to non-alphanumeric text in these pages).
void ExpectOriginsMatch(const std::string& page, const OffsetText& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    ASSERT_LE(text.Origin(i), page.size());
    char c = text.text()[i];
    if (std::isalnum(static_cast<unsigned char>(c))) {
      ASSERT_LT(text.Origin(i), page.size());
      EXPECT_EQ(page[text.Origin(i)], c) << "byte " << i << " of: " << text.text();
    }
  }
}

TEST(CleanHtml, KeepsArticleDropsNavFooterAndAside) {
  std::string html = Page(
      "<title>Samsung wins Naver deal | Example News</title>",
      "<nav><ul><li><a href='/'>Home</a></li><li><a href='/tech'>Technology news</a></li></ul></nav>"
      "<div class='sidebar'><h3>Trending Posts</h3><p>Celebrity gossip, weather, sport and more, "
      "all day long, every day of the week, for everyone.</p></div>"
      "<article><h1>Samsung wins Naver deal</h1>" +
          std::string(kArticleParagraphs) +
          "<div class='share-buttons'><a href='#'>Share on Facebook</a> <a href='#'>Tweet</a></div></article>"
          "<aside><p>Related: Other chip makers report strong quarterly results, a long teaser "
          "paragraph that is not part of the article.</p></aside>"
          "<footer><p>Copyright 2024 Example News, all rights reserved, terms of use, privacy.</p></footer>");
  HtmlArticle a = Extract(html);
  const std::string& t = a.text.text();
  EXPECT_EQ(a.title, "Samsung wins Naver deal");
  EXPECT_EQ(t.rfind("Samsung wins Naver deal\n\n", 0), 0u) << t;
  EXPECT_NE(t.find("752 million dollars"), std::string::npos);
  EXPECT_NE(t.find("first deliveries."), std::string::npos);
  for (const char* furniture :
       {"Home", "Technology news", "Trending", "Celebrity", "Share on", "Related:", "Copyright"}) {
    EXPECT_EQ(t.find(furniture), std::string::npos) << furniture << " in: " << t;
  }
  EXPECT_NE(t.find("chip.\n\nThe agreement"), std::string::npos) << t;
  ExpectOriginsMatch(html, a.text);
}

TEST(CleanHtml, OffsetsMapBackThroughEntitiesAndWhitespace) {
  std::string html =
      Page("", std::string("<article><p>Kwak Noh-jung &amp; Kyung Kye-hyun\r\n   met in\tSeoul"
                           "&nbsp;on&#160;Monday, &ldquo;quietly&rdquo;, said SK&nbsp;hynix.</p>") +
                   kArticleParagraphs + "</article>");
  HtmlArticle a = Extract(html, false);
  const std::string& t = a.text.text();
  EXPECT_NE(t.find("Kwak Noh-jung & Kyung Kye-hyun met in Seoul on Monday, \xe2\x80\x9cquietly\xe2\x80\x9d"),
            std::string::npos)
      << t;
  ExpectOriginsMatch(html, a.text);
  // A span over copied text covers exactly its page bytes.
  size_t at = t.find("Kyung Kye-hyun");
  Span s = a.text.ToInput(at, at + 14);
  EXPECT_EQ(html.substr(s.start, s.end - s.start), "Kyung Kye-hyun");
  // The decoded "&" points at its entity.
  size_t amp = t.find('&');
  EXPECT_EQ(html.compare(a.text.Origin(amp), 5, "&amp;"), 0);
}

// Regression: references without ';' ("&copy2024", "&amp ") once shifted
// the origins of the bytes after them ("&notaref;" is "¬aref;", as in browsers).
TEST(CleanHtml, OffsetsStayExactAfterReferencesWithoutSemicolon) {
  std::string html = Page("", std::string("<article><p>Copyright &copy2024 Samsung &amp Naver &notaref; "
                                          "and SK&nbsphynix, all rights reserved by the owners.</p>") +
                                  kArticleParagraphs + "</article>");
  HtmlArticle a = Extract(html, false);
  const std::string& t = a.text.text();
  EXPECT_NE(t.find("Copyright \xc2\xa9"
                   "2024 Samsung & Naver \xc2\xac"
                   "aref; and SK hynix"),
            std::string::npos)
      << t;
  ExpectOriginsMatch(html, a.text);
}

TEST(CleanHtml, TitleFromTitleTagIsCopiedFromThePage) {
  std::string html = Page("<title>SK Telecom invests in Anthropic - Example Times</title>",
                          std::string("<div class='content'>") + kArticleParagraphs + "</div>");
  HtmlArticle a = Extract(html);
  EXPECT_EQ(a.title, "SK Telecom invests in Anthropic");
  ASSERT_GT(a.body_start, 0u);
  Span s = a.text.ToInput(0, a.title.size());
  EXPECT_EQ(html.substr(s.start, s.end - s.start), a.title);
}

TEST(CleanHtml, TitleEqualToTheH1IsCopiedFromTheH1) {
  std::string html = Page("<meta property='og:title' content='Naver &amp; Samsung sign chip deal'>",
                          std::string("<article><h1>Naver &amp; Samsung sign chip deal</h1>") +
                              kArticleParagraphs + "</article>");
  HtmlArticle a = Extract(html);
  EXPECT_EQ(a.title, "Naver & Samsung sign chip deal");
  Span s = a.text.ToInput(0, 5);
  EXPECT_EQ(html.substr(s.start, s.end - s.start), "Naver");
  EXPECT_GT(s.start, html.find("<h1>"));
  ExpectOriginsMatch(html, a.text);
}

TEST(CleanHtml, PublicationDateFromMetadata) {
  std::string body = std::string("<article>") + kArticleParagraphs + "</article>";
  EXPECT_EQ(
      Extract(Page("<meta property='article:published_time' content='2018-11-07T09:30:00+09:00'>", body))
          .published,
      "2018-11-07");
  EXPECT_EQ(Extract(Page("<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\": "
                         "\"2024-05-14T08:00:00Z\"}</script>",
                         body))
                .published,
            "2024-05-14");
  EXPECT_EQ(Extract(Page("", "<time datetime='2023-06-01' pubdate>June 1</time>" + body)).published,
            "2023-06-01");
  EXPECT_EQ(Extract(Page("<meta name='parsely-pub-date' content='Nov 19, 2019'>", body)).published,
            "2019-11-19");
  // An explicit publication time beats a generic date and any <time>.
  EXPECT_EQ(Extract(Page("<meta name='date' content='2020-03-29'>"
                         "<meta itemprop='datePublished' content='2018-11-07'>",
                         "<time datetime='2020-03-29'>captured</time>" + body))
                .published,
            "2018-11-07");
  EXPECT_EQ(Extract(Page("", body)).published, "");
}

TEST(CleanHtml, BreaksListsAndTables) {
  std::string html =
      Page("", std::string("<article>") + kArticleParagraphs +
                   "<p>First line<br>second line<br><br>new paragraph</p>"
                   "<ul><li>Memory chips for servers</li><li>Accelerators for data centers</li></ul>"
                   "<table><tr><td>Samsung</td><td>Mach-1</td></tr></table></article>");
  const std::string t = Extract(html, false).text.text();
  EXPECT_NE(t.find("First line\nsecond line\n\nnew paragraph"), std::string::npos) << t;
  EXPECT_NE(t.find("Memory chips for servers\n\nAccelerators for data centers"), std::string::npos) << t;
  EXPECT_NE(t.find("Samsung\n\nMach-1"), std::string::npos) << t;
}

TEST(CleanHtml, SkipsScriptStyleTemplateSvgAndHidden) {
  std::string html =
      Page("<style>p{color:red}</style>",
           std::string("<article>") + kArticleParagraphs +
               "<script>var secret = 'script text';</script><noscript>Enable JavaScript</noscript>"
               "<template><p>template text</p></template><svg><text>svg text</text></svg>"
               "<div hidden>hidden text</div><div style='display: none'>styled away</div></article>");
  const std::string t = Extract(html).text.text();
  for (const char* s :
       {"color", "secret", "JavaScript", "template text", "svg text", "hidden text", "styled"}) {
    EXPECT_EQ(t.find(s), std::string::npos) << s;
  }
}

TEST(CleanHtml, BrokenAndEmptyPagesDoNotCrash) {
  for (const std::string& html :
       {std::string(""), std::string("<"), std::string("<html>"), std::string("just text, no tags at all"),
        std::string(
            "<p>unclosed <b>bold <i>italic <div>block</p></b> stray </div></span>&am &#xZZ; &#99999999;"),
        std::string("<table><p>foster parented text<tr><td>cell</table>"),
        std::string("<head><title>Only a title</title></head>"), std::string("\0\0\0<p>nul</p>", 14)}) {
    HtmlArticle a = Extract(html);
    for (size_t i = 0; i < a.text.size(); ++i) ASSERT_LE(a.text.Origin(i), html.size());
  }
  EXPECT_NE(Extract("<p>unclosed paragraph with some words").text.text().find("unclosed paragraph"),
            std::string::npos);
}

TEST(CleanHtml, DeepNestingIsCut) {
  std::string html;
  for (int i = 0; i < 3000; ++i) html += "<div>";
  html += "deep text";
  HtmlArticle a = Extract(html);  // must not overflow the stack
  EXPECT_LE(a.text.size(), 20u);
}

TEST(CleanHtml, HostileNestingStaysFast) {
  // 100,000 unclosed elements took the parser minutes before the prescan cut.
  std::string html = "<p>Start of the page text.</p>";
  for (int i = 0; i < 50000; ++i) html += "<div><b>x ";
  HtmlArticle a = Extract(html);
  EXPECT_NE(a.text.text().find("Start of the page text."), std::string::npos);
}

TEST(CleanHtml, RandomBytesAndTagSoup) {
  std::mt19937 rng(12345);
  const char* pieces[] = {"<p>",    "</p>",       "<div class='content'>",
                          "</div>", "<a href=x>", "</a>",
                          "<br>",   "&amp;",      "&#",
                          ";",      "<script>",   "</script>",
                          "<!--",   "-->",        "<table>",
                          "<td>",   "\r\n",       " ",
                          "word",   "\xc3\xa9",   "<",
                          ">",      "\"",         "<title>",
                          "<h1>",   "<meta "};
  for (int round = 0; round < 300; ++round) {
    std::string html;
    int n = rng() % 200;
    for (int i = 0; i < n; ++i) {
      if (rng() % 3 == 0) {
        html.push_back(static_cast<char>(rng() % 256));
      } else {
        html += pieces[rng() % (sizeof pieces / sizeof *pieces)];
      }
    }
    HtmlArticle a = Extract(html);
    for (size_t i = 0; i < a.text.size(); ++i) ASSERT_LE(a.text.Origin(i), html.size());
    ASSERT_LE(a.body_start, a.text.size());
  }
}

TEST(CleanHtml, CleanHtmlIsTheExtractionWithTitle) {
  std::string html = Page("<meta property='og:title' content='Naver buys Mach-1 chips'>",
                          std::string("<main>") + kArticleParagraphs + "</main>");
  CleanDoc d = CleanHtml(IdentityText(html));
  EXPECT_EQ(d.title, "Naver buys Mach-1 chips");
  EXPECT_EQ(d.text.text().rfind("Naver buys Mach-1 chips\n\nSamsung Electronics", 0), 0u) << d.text.text();
}

}  // namespace
}  // namespace pactgraph
