#include "clean/html_parse.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace pactgraph {
namespace {

// Records the events as a compact string: "<p>" for Open, "</p>" for Close
// (tag names from the start tag, lower-cased), text in quotes.
class Recorder : public HtmlHandler {
 public:
  void Open(const HtmlStartTag& t) override {
    std::string name(t.name);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out += "<" + name;
    for (size_t i = 0; i < t.num_attrs; ++i)
      out += " " + std::string(t.attrs[i].name) + "=" + std::string(t.attrs[i].value);
    out += ">";
    names.push_back(name);
  }
  void Close(HtmlTag) override {
    ASSERT_FALSE(names.empty());
    out += "</" + names.back() + ">";
    names.pop_back();
  }
  void Text(const HtmlText& t) override {
    if (!t.whitespace) out += "'" + std::string(t.text) + "'";
    raws.emplace_back(t.raw);
  }
  std::string out;
  std::vector<std::string> names;
  std::vector<std::string> raws;
};

std::string Events(const std::string& html) {
  Recorder r;
  HtmlParser parser(html);
  parser.Run(&r);
  EXPECT_TRUE(r.names.empty()) << "unbalanced: " << r.out;
  return r.out;
}

std::string Decoded(std::string_view raw, bool attribute = false) {
  std::string out;
  return DecodeHtmlReferences(raw, attribute, &out) ? out : std::string(raw);
}

TEST(HtmlParser, LooksUpTagsInAnyCase) {
  EXPECT_EQ(LookupHtmlTag("div"), HtmlTag::kDiv);
  EXPECT_EQ(LookupHtmlTag("DiV"), HtmlTag::kDiv);
  EXPECT_EQ(LookupHtmlTag("h6"), HtmlTag::kH6);
  EXPECT_EQ(LookupHtmlTag("my-widget"), HtmlTag::kUnknown);
  EXPECT_EQ(LookupHtmlTag(""), HtmlTag::kUnknown);
  EXPECT_EQ(LookupHtmlTag("averyveryverylongname"), HtmlTag::kUnknown);
}

TEST(HtmlParser, DecodesCharacterReferences) {
  EXPECT_EQ(Decoded("a &amp; b"), "a & b");
  EXPECT_EQ(Decoded("&ldquo;x&rdquo; &#8217; &#x2019; &#X41;"),
            "\xe2\x80\x9cx\xe2\x80\x9d \xe2\x80\x99 \xe2\x80\x99 A");
  EXPECT_EQ(Decoded("caf&eacute; &auml;&ouml;&uuml;&szlig;"), "caf\xc3\xa9 \xc3\xa4\xc3\xb6\xc3\xbc\xc3\x9f");
  EXPECT_EQ(Decoded("&copy2024 &amp"),
            "\xc2\xa9"
            "2024 &");  // legacy names work without ';'
  EXPECT_EQ(Decoded("&nosuch; & &; &#; AT&T"), "&nosuch; & &; &#; AT&T");
  EXPECT_EQ(Decoded("&#150;&#0;&#xD800;&#1114112;"), "\xe2\x80\x93\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  // In attributes a legacy name followed by a letter or '=' is literal (URLs).
  EXPECT_EQ(Decoded("?a=1&copy=2&amp;b", true), "?a=1&copy=2&b");
  std::string out = "untouched";
  EXPECT_FALSE(DecodeHtmlReferences("no references", false, &out));
  EXPECT_EQ(out, "untouched");
}

TEST(HtmlParser, AddsHtmlHeadAndBody) {
  EXPECT_EQ(Events("Hello"), "<html><body>'Hello'</body></html>");
  EXPECT_EQ(Events("<title>T &amp; U</title><p>x"),
            "<html><head><title>'T & U'</title></head><body><p>'x'</p></body></html>");
  EXPECT_EQ(
      Events("<!DOCTYPE html><html lang=en><head><meta charset=utf-8></head><body class=b>x</body></html>"),
      "<html><head><meta charset=utf-8></meta></head><body class=b>'x'</body></html>");
}

TEST(HtmlParser, ImpliedEndTags) {
  EXPECT_EQ(Events("<body><p>a<p>b<div>c</div>"),
            "<html><body><p>'a'</p><p>'b'</p><div>'c'</div></body></html>");
  EXPECT_EQ(Events("<body><ul><li>a<li>b<ul><li>c</ul><li>d</ul>"),
            "<html><body><ul><li>'a'</li><li>'b'<ul><li>'c'</li></ul></li><li>'d'</li></ul></body></html>");
  EXPECT_EQ(
      Events("<body><table><tr><td>a<td>b<tr><td>c</table>"),
      "<html><body><table><tr><td>'a'</td><td>'b'</td></tr><tr><td>'c'</td></tr></table></body></html>");
  EXPECT_EQ(Events("<body><h2>a<h3>b"), "<html><body><h2>'a'</h2><h3>'b'</h3></body></html>");
  EXPECT_EQ(Events("<body><dl><dt>a<dd>b<dt>c</dl>"),
            "<html><body><dl><dt>'a'</dt><dd>'b'</dd><dt>'c'</dt></dl></body></html>");
  EXPECT_EQ(Events("<body><a href=1>a<a href=2>b</a>"),
            "<html><body><a href=1>'a'</a><a href=2>'b'</a></body></html>");
}

TEST(HtmlParser, EndTags) {
  // A stray inline end tag does not close the block it sits in.
  EXPECT_EQ(Events("<body><div><span><div>x</span>y</div>z</div>"),
            "<html><body><div><span><div>'x''y'</div>'z'</span></div></body></html>");
  // A block end tag closes what is open inside it.
  EXPECT_EQ(Events("<body><div><b>x</div>y"), "<html><body><div><b>'x'</b></div>'y'</body></html>");
  // Unknown elements are matched by name, in any case.
  EXPECT_EQ(Events("<body><My-Box>a<x-y>b</MY-BOX>c"),
            "<html><body><my-box>'a'<x-y>'b'</x-y></my-box>'c'</body></html>");
  // </p> without <p> is an empty paragraph; </br> is a <br>; </body> is ignored.
  EXPECT_EQ(Events("<body>a</p>b</br>c</body>d"), "<html><body>'a'<p></p>'b'<br></br>'c''d'</body></html>");
  EXPECT_EQ(Events("<body><div>a</section>b</div>"), "<html><body><div>'a''b'</div></body></html>");
}

TEST(HtmlParser, RawTextCommentsAndVoidElements) {
  EXPECT_EQ(Events("<body><script>if (a<b) x = '</div>';</script>y"),
            "<html><body><script>'if (a<b) x = '</div>';'</script>'y'</body></html>");
  EXPECT_EQ(Events("<body><style>p{}</STYLE >x<textarea>&lt;b&gt;</textarea>"),
            "<html><body><style>'p{}'</style>'x'<textarea>'<b>'</textarea></body></html>");
  EXPECT_EQ(Events("<body>a<!-- <p>hidden</p> -->b<!---->c<?php x ?>d<br/>e<img src=x>f"),
            "<html><body>'a''b''c''d'<br></br>'e'<img src=x></img>'f'</body></html>");
  EXPECT_EQ(Events("<body><svg/>a<svg><path d=1 /></svg>b"),
            "<html><body><svg></svg>'a'<svg><path d=1></path></svg>'b'</body></html>");
  EXPECT_EQ(Events("<body>a < b and c<d"),
            "<html><body>'a < b and c'</body></html>");  // "<d" at the end: a cut tag
}

TEST(HtmlParser, Attributes) {
  EXPECT_EQ(Events("<body><div class=\"a b\" ID='x' data-x=1 hidden data-y = \"&quot;q&quot;\">t</div>"),
            "<html><body><div class=a b ID=x data-x=1 hidden= data-y=\"q\">'t'</div></body></html>");
  std::string html = "<body><p Class=first class=second>x</p>";
  HtmlParser parser(html);
  struct First : Recorder {
    void Open(const HtmlStartTag& t) override {
      if (t.tag == HtmlTag::kP) {
        ASSERT_NE(t.Attr("class"), nullptr);
        EXPECT_EQ(*t.Attr("class"), "first");  // the first of duplicates wins, names in any case
        EXPECT_EQ(t.Attr("id"), nullptr);
      }
      Recorder::Open(t);
    }
  } first;
  parser.Run(&first);
}

TEST(HtmlParser, TextIsAViewOfTheInput) {
  std::string html = "<body><p>Tom &amp; Jerry</p> <p>plain</p>";
  Recorder r;
  HtmlParser parser(html);
  parser.Run(&r);
  ASSERT_EQ(r.raws.size(), 3u);
  EXPECT_EQ(r.raws[0], "Tom &amp; Jerry");
  EXPECT_EQ(r.raws[1], " ");
  EXPECT_EQ(r.raws[2], "plain");
}

TEST(HtmlParser, RandomTagSoupStaysBalanced) {
  const char* pieces[] = {"<div>",   "</div>", "<p>",     "</p>",     "<li>",       "<ul>",    "</ul>",
                          "<table>", "<td>",   "<tr>",    "</table>", "<a href=x>", "</a>",    "<b>",
                          "</b>",    "<x-y>",  "</x-y>",  "text ",    "&amp;",      "&#",      "<",
                          ">",       "<!--",   "-->",     "<script>", "</script>",  "<title>", "<br>",
                          "</br>",   "<body>", "</body>", "<head>",   "<svg/>",     "\"",      "'",
                          "=",       "<h1>",   "</h3>",   "<dd>",     "\0"};
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::string html;
    int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) html += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
    Events(html);  // checks balance
  }
  Events(std::string(5000, '<'));
  Events(std::string(3000, '&'));
}

}  // namespace
}  // namespace pactgraph
