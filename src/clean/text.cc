// Plain text captured from web pages: the article's own lines, its title and
// its date. Page furniture is recognised by position and general signals
// (see doc/front.md, "Cleaning plain text"):
//   - the body runs from the first to the last paragraph of running text;
//   - above it, the headline is the first substantial line; page-header lines
//     above the headline, bylines, author-name lines, date lines, "Share"
//     lines and repeats of the headline are dropped;
//   - inside it, lines opening with a furniture cue, promotional paragraphs,
//     date and byline lines and runs of short link-like lines are dropped;
//   - after it, sentence-like lines are kept until the first furniture line,
//     and everything from there on is dropped.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/clean.h"
#include "clean/metadata.h"
#include "clean/text_cues.h"

namespace pactgraph {
namespace {

struct Line {
  uint32_t b = 0, e = 0;  // trimmed byte range in the text
  uint32_t core = 0;      // start after leading bullets
  bool blank_before = false;
  int words = 0;
  bool punctuated = false;  // ends with sentence punctuation
  bool cue = false;         // opens with a furniture cue
  bool date_line = false;   // nothing but a date
  bool byline = false;
  bool nav = false;  // "Home | News | Tech"
  int promo = 0;     // promo evidence (see TextCues::PromoScore)
  bool strong_promo = false;
  bool content = false;  // a paragraph of running text
  bool keep = false;

  bool furniture() const { return cue || date_line || byline || nav; }
};

// Spaces that pages leave around lines: ASCII, NBSP, thin spaces, ZWSP, ideographic.
size_t SpaceAt(std::string_view t, size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
    auto d = static_cast<unsigned char>(t[i + 2]);
    if (d <= 0x8B || d == 0xAF) return 3;
  }
  if (c == 0xE3 && t.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

size_t SpaceBefore(std::string_view t, size_t e) {
  if (e >= 1 && SpaceAt(t, e - 1) == 1) return 1;
  if (e >= 2 && SpaceAt(t, e - 2) == 2) return 2;
  if (e >= 3 && SpaceAt(t, e - 3) == 3) return 3;
  return 0;
}

// Bullets and dashes that open list and byline lines: "• By Kim", "- item".
size_t BulletAt(std::string_view t, size_t i, size_t e) {
  if (i >= e) return 0;
  switch (static_cast<unsigned char>(t[i])) {  // the bullets' first bytes: most lines open with none
    case 0xE2:
    case 0xC2:
    case '-':
    case '*':
    case '>':
    case '|':
      break;
    default:
      return 0;
  }
  for (std::string_view b : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x96\xBA", "\xE2\x96\xB6", "-",
                             "*", "\xE2\x80\x93", "\xE2\x80\x94", ">", "\xC2\xBB", "|"}) {
    if (t.substr(i, b.size()) == b && i + b.size() < e && SpaceAt(t, i + b.size())) return b.size();
  }
  return 0;
}

// 0xFF for the bytes that separate words (space, tab, CR, LF), else 0. A
// byte mask rather than a bool: GCC turns a bool chain of comparisons into a
// bit test, which keeps CountWords from being vectorised.
inline unsigned char WordSpaceMask(unsigned char c) {
  return static_cast<unsigned char>(-(c == ' ') | -(c == '\t') | -(c == '\n') | -(c == '\r'));
}

// A word starts at each byte that is not a space and follows a space (or the
// start). Each step compares two neighbouring bytes and carries nothing to the
// next one, so that the loop is vectorised.
int CountWords(std::string_view s) {
  if (s.empty()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned n = WordSpaceMask(p[0]) == 0;
  for (size_t i = 1; i < s.size(); ++i) n += WordSpaceMask(p[i - 1]) & ~WordSpaceMask(p[i]) & 1;
  return static_cast<int>(n);
}

bool EndsWithSentencePunct(std::string_view s) {
  // Skip closing quotes and brackets: ...said." / ...(AP).
  while (!s.empty()) {
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 &&
               (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99" ||
                s.substr(s.size() - 3) == "\xE2\x80\x9C")) {
      s.remove_suffix(3);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xAB") {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xA6");
}

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool HasFieldSeparator(std::string_view s) {
  for (std::string_view sep : {" | ", "\xE2\x80\xA2", "\xC2\xB7", " \xE2\x80\x94 "}) {
    if (s.find(sep) != std::string_view::npos) return true;
  }
  return false;
}

// Menus and breadcrumbs: several separators on one line.
bool LooksLikeNavigation(std::string_view s) {
  int seps = 0;
  for (std::string_view sep : {" | ", " \xE2\x80\xBA ", " \xC2\xBB ", " > ", " / "}) {
    for (size_t at = s.find(sep); at != std::string_view::npos; at = s.find(sep, at + 1)) ++seps;
  }
  return seps >= 2;
}

void LowerInto(std::string_view s, std::string* out) {
  out->resize(s.size());
  char* o = out->data();
  // Branch-free (A-Z gain 32), so that the loop is vectorised.
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    o[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
}

// Normalised form for comparing lines (case and spacing ignored).
std::string Normalized(std::string_view s) {
  std::string out(s.size(), '\0');  // never longer than s: runs of spaces shrink to one
  size_t n = 0;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = n > 0;
      continue;
    }
    if (space) out[n++] = ' ';
    space = false;
    out[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out.resize(n);
  return out;
}

// Normalized(s) == norm, without building Normalized(s): the same walk,
// comparing each output byte as it is produced and stopping at the first
// difference (most lines differ from the headline in their first bytes).
bool NormalizedEquals(std::string_view s, std::string_view norm) {
  size_t j = 0;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = j > 0;  // Normalized's !out.empty(): out holds the first j bytes of norm
      continue;
    }
    if (space && (j >= norm.size() || norm[j++] != ' ')) return false;
    space = false;
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (j >= norm.size() || norm[j++] != lower) return false;
  }
  return j == norm.size();
}

// Hard-wrapped text (wire copy, e-mail): most lines 50 to 80 bytes long.
bool IsHardWrapped(const std::vector<Line>& lines) {
  size_t wrapped = 0;
  for (const Line& l : lines) wrapped += l.e - l.b >= 50 && l.e - l.b <= 80;
  return lines.size() >= 6 && wrapped * 10 >= lines.size() * 6;
}

// In hard-wrapped text a paragraph is a run of lines up to a blank line, an
// indented line or a short line; it becomes one unit (its inner line breaks
// are copied as they are).
// A short line still goes on when it stops mid-sentence, on a lower-case
// word or a comma ("ConAgra Inc agreed to acquire" / "Monfort of Colorado Inc …").
std::vector<Line> MergeWrapped(std::string_view t, const std::vector<Line>& lines,
                               const std::vector<bool>& indented) {
  std::vector<Line> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    bool mid_sentence = false;
    if (i > 0 && lines[i - 1].e > lines[i - 1].b) {
      char last = t[lines[i - 1].e - 1];
      mid_sentence = (last >= 'a' && last <= 'z') || last == ',';
    }
    bool joins = !out.empty() && !l.blank_before && !indented[i] &&
                 (lines[i - 1].e - lines[i - 1].b >= 40 || mid_sentence) && l.core == l.b;
    if (joins) {
      out.back().e = l.e;
    } else {
      out.push_back(l);
    }
  }
  return out;
}

std::vector<Line> SplitLines(std::string_view t) {
  std::vector<Line> lines;
  std::vector<bool> indented;
  size_t start = 0;
  bool blank = false;
  while (start <= t.size()) {
    size_t nl = t.find('\n', start);
    size_t end = nl == std::string_view::npos ? t.size() : nl;
    size_t b = start, e = end;
    while (b < e && SpaceAt(t, b)) b += SpaceAt(t, b);
    while (e > b && SpaceBefore(t, e)) e -= SpaceBefore(t, e);
    if (b == e) {
      blank = true;
    } else {
      Line l;
      l.b = static_cast<uint32_t>(b);
      l.e = static_cast<uint32_t>(e);
      size_t core = b;
      while (size_t n = BulletAt(t, core, e)) {
        core += n;
        while (core < e && SpaceAt(t, core)) core += SpaceAt(t, core);
      }
      l.core = static_cast<uint32_t>(core);
      l.blank_before = blank || lines.empty();
      blank = false;
      lines.push_back(l);
      indented.push_back(b - start >= 2);
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (IsHardWrapped(lines)) return MergeWrapped(t, lines, indented);
  return lines;
}

void Describe(std::string_view t, const TextCues& cues, Line* l, std::string* lower) {
  std::string_view core = t.substr(l->core, l->e - l->core);
  LowerInto(core, lower);
  l->words = CountWords(core);
  l->punctuated = EndsWithSentencePunct(core);
  l->cue = cues.IsLineCue(*lower) || cues.IsLabelOrPrefixCue(*lower, l->words, l->punctuated);
  if (l->words <= 80) {
    bool opens_with_cue = cues.StartsWithPrefixCue(*lower);
    l->promo = cues.PromoScore(*lower) + (opens_with_cue ? 1 : 0);
    l->strong_promo = l->promo >= 3 || (l->promo >= 2 && opens_with_cue);
  }
  if (l->words <= 14 && HasDigit(core)) l->date_line = IsDateLine(core);
  if (l->words <= 12) l->byline = IsBylineLine(core);
  l->nav = l->words <= 20 && LooksLikeNavigation(core);
  l->content = !l->furniture() && l->promo < 2 && ((l->words >= 8 && l->punctuated) || l->words >= 20);
}

// The first sentence of a paragraph, as a stand-in headline (at most ~200 bytes).
std::string FirstSentence(std::string_view s) {
  for (size_t i = 20; i + 1 < s.size() && i < 300; ++i) {
    if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ') {
      s = s.substr(0, i + 1);
      break;
    }
  }
  if (s.size() > 200) {
    size_t cut = s.rfind(' ', 200);
    s = s.substr(0, cut == std::string_view::npos ? 200 : cut);
  }
  return std::string(s);
}

// A date printed before a dash at the start of the body: "SEOUL, Nov. 7, 2018 - ...".
std::string DatelineDate(std::string_view first_paragraph) {
  std::string_view head = first_paragraph.substr(0, 100);
  for (std::string_view dash : {" - ", " -- ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    size_t at = head.find(dash);
    if (at == std::string_view::npos) continue;
    DateMatch m = FindDate(head.substr(0, at));
    if (m.found()) return m.iso;
  }
  return "";
}

class TextCleaner {
 public:
  TextCleaner(const OffsetText& text, const TextCues& cues) : t_(text.text()), cues_(cues) {}

  CleanDoc Run() {
    lines_ = SplitLines(t_);
    std::string lower;
    for (Line& l : lines_) Describe(t_, cues_, &l, &lower);
    FindBody();
    ChooseTitle();
    KeepHeader();
    KeepBody();
    KeepTail();
    CleanDoc d;
    d.title = title_;
    d.published = PublishedDate();
    d.text = Assemble();
    return d;
  }

 private:
  std::string_view Core(const Line& l) const { return t_.substr(l.core, l.e - l.core); }

  // A short single sentence opening the text is a headline even when it ends
  // with "!" or "?", not the first paragraph.
  bool HeadlineShaped(const Line& l) const {
    std::string_view core = Core(l);
    return l.words <= 16 && core.find(". ") == std::string_view::npos &&
           core.find("! ") == std::string_view::npos && core.find("? ") == std::string_view::npos;
  }

  void FindBody() {
    first_ = last_ = kNone;
    bool seen_text = false;
    for (size_t i = 0; i < lines_.size(); ++i) {
      Line& l = lines_[i];
      if (!seen_text && !l.furniture() && l.promo < 2) {
        seen_text = true;
        if (l.content && HeadlineShaped(l)) l.content = false;
      }
      if (!l.content) continue;
      if (first_ == kNone) first_ = i;
      last_ = i;
    }
  }

  bool TitleCandidate(const Line& l) const {
    return !l.furniture() && l.promo < 2 && l.words >= 2 && l.words <= 40;
  }

  // The headline: a header line that the page prints twice (site templates
  // often repeat it), else the first substantial header line; without a
  // header, the first sentence of the body.
  void ChooseTitle() {
    size_t header_end = first_ == kNone ? lines_.size() : first_;
    std::vector<std::string> norms;
    size_t first_candidate = kNone, repeated = kNone;
    for (size_t i = 0; i < header_end && i < 12 && repeated == kNone; ++i) {
      norms.push_back(TitleCandidate(lines_[i]) ? Normalized(Core(lines_[i])) : std::string());
      if (norms.back().empty()) continue;
      if (first_candidate == kNone) first_candidate = i;
      for (size_t k = 0; k < i; ++k) {
        if (norms[k] == norms[i]) repeated = k;
      }
    }
    if (first_candidate == kNone) {
      for (size_t i = norms.size(); i < header_end && first_candidate == kNone; ++i) {
        if (TitleCandidate(lines_[i])) first_candidate = i;
      }
    }
    size_t pick = repeated != kNone ? repeated : first_candidate;
    if (pick != kNone) {
      title_line_ = pick;
      title_ = std::string(Core(lines_[pick]));
      // The loop above normalised the header lines it looked at.
      title_norm_ = pick < norms.size() ? std::move(norms[pick]) : Normalized(title_);
    } else if (first_ != kNone) {
      title_ = FirstSentence(Core(lines_[first_]));
    }
  }

  bool IsTitleRepeat(size_t i) const {
    return i != title_line_ && !title_norm_.empty() && NormalizedEquals(Core(lines_[i]), title_norm_);
  }

  // Above the body: the headline and subtitles stay; page-header lines above
  // the headline, bylines, author names, dates and cue lines go.
  void KeepHeader() {
    size_t header_end = first_ == kNone ? 0 : first_;
    for (size_t i = 0; i < header_end; ++i) {
      Line& l = lines_[i];
      // Metadata lines: a date line, a byline, or a short line of fields
      // ("Seoul | 14.05.2024 | Tech"); a subtitle that mentions a date is not one.
      bool fields = l.words <= 12 && HasFieldSeparator(Core(l));
      bool dated = l.date_line || l.byline || fields;
      if (dated) {
        DateMatch m = FindDate(Core(l));
        if (m.found()) (title_line_ != kNone && i > title_line_ ? date_below_ : date_above_).push_back(m.iso);
      }
      if (title_line_ == kNone || i < title_line_) continue;
      if (i == title_line_) {
        l.keep = true;
        continue;
      }
      bool name_like = l.words <= 3 && !l.punctuated && !HasDigit(Core(l));
      l.keep = !l.furniture() && l.promo < 2 && !IsTitleRepeat(i) && !name_like;
    }
  }

  // The body; with no paragraph of running text, every line is body.
  void KeepBody() {
    size_t b = first_ == kNone ? 0 : first_;
    size_t e = first_ == kNone ? lines_.size() : last_ + 1;
    for (size_t i = b; i < e; ++i) {
      const Line& l = lines_[i];
      if (first_ == kNone && i == title_line_) {
        lines_[i].keep = true;
        continue;
      }
      if (first_ == kNone && (l.date_line || l.byline)) {
        DateMatch m = FindDate(Core(l));
        if (m.found()) (title_line_ != kNone && i > title_line_ ? date_below_ : date_above_).push_back(m.iso);
      }
      lines_[i].keep = !l.furniture() && !l.strong_promo && !IsTitleRepeat(i);
    }
    DropLinkRuns(b, e);
  }

  // Short unpunctuated lines right after a cue line ("Related", "Mehr zum
  // Thema") are the cue's list of links; elsewhere such lines are
  // subheadings or lists that belong to the article.
  void DropLinkRuns(size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      if (!lines_[i].cue) continue;
      for (size_t k = i + 1; k < e; ++k) {
        const Line& l = lines_[k];
        if (l.content || l.punctuated || l.words > 12 || l.blank_before) break;
        lines_[k].keep = false;
      }
    }
  }

  // After the last paragraph: sentences that round the article off stay,
  // up to the first furniture line; nothing after that.
  void KeepTail() {
    if (first_ == kNone) return;
    for (size_t i = last_ + 1; i < lines_.size(); ++i) {
      Line& l = lines_[i];
      if (l.furniture() || l.promo >= 2 || !(l.words >= 4 && l.punctuated) || IsTitleRepeat(i)) {
        tail_start_ = i;
        break;
      }
      l.keep = true;
    }
    // A "Published ..." line below the article may still date it.
    for (size_t i = tail_start_; i < lines_.size(); ++i) {
      if (lines_[i].date_line) {
        DateMatch m = FindDate(Core(lines_[i]));
        if (m.found()) date_tail_.push_back(m.iso);
      }
    }
  }

  // A date below the headline (byline, dateline) beats one above it (the
  // page header's capture date).
  std::string PublishedDate() const {
    if (!date_below_.empty()) return date_below_.front();
    if (first_ != kNone) {
      std::string d = DatelineDate(Core(lines_[first_]));
      if (!d.empty()) return d;
    }
    if (!date_above_.empty()) return date_above_.front();
    if (!date_tail_.empty()) return date_tail_.front();
    return "";
  }

  OffsetText Assemble() const {
    OffsetText out;
    out.Reserve(t_.size());
    size_t prev = kNone;
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      if (!l.keep) continue;
      if (prev != kNone) {
        const Line& p = lines_[prev];
        // Adjacent lines of a hard-wrapped paragraph stay one paragraph.
        size_t len = p.e - p.core;
        bool wrapped = i == prev + 1 && !l.blank_before && !p.punctuated && prev != title_line_ &&
                       len >= 55 && len <= 100;
        out.AppendSynthetic(wrapped ? "\n" : "\n\n", p.e);
      }
      out.AppendCopied(Core(l), l.core);
      prev = i;
    }
    out.SetEnd(static_cast<uint32_t>(t_.size()));
    return out;
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::string_view t_;
  const TextCues& cues_;
  std::vector<Line> lines_;
  size_t first_ = kNone, last_ = kNone, title_line_ = kNone, tail_start_ = static_cast<size_t>(-1);
  std::string title_, title_norm_;
  std::vector<std::string> date_below_, date_above_, date_tail_;
};

}  // namespace

CleanDoc CleanPlainText(const OffsetText& text, const TextCues& cues) {
  return TextCleaner(text, cues).Run();
}

CleanDoc CleanPlainText(const OffsetText& text) { return CleanPlainText(text, DefaultTextCues()); }

}  // namespace pactgraph
