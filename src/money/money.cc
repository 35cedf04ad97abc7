// Money amounts: a scanner over the time stage's tokens. An amount is
//   [approximator] [currency sign/code] number [scale] [currency word/code]
// optionally followed by a range end ("-2 billion", "to $2 billion",
// "bis 2 Milliarden Euro"). A number without a currency is never money.
#include "money/money.h"

#include <cmath>
#include <initializer_list>
#include <utility>

#include "time/lexicon.h"
#include "time/tokens.h"

namespace pactgraph {
namespace {

using timex::Token;

struct Amount {
  size_t b = 0, e = 0;       // tokens [b, e)
  double number = 0;         // before scaling
  double scale = 0;          // 0: none given
  const char* currency = nullptr;
};

class MoneyScanner {
 public:
  MoneyScanner(std::string_view text, const std::string& lang)
      : raw_text_(text),
        langs_(lang == "en" ? timex::kEn : lang == "de" ? timex::kDe : timex::kAnyLang),
        t_(timex::SharedTokens(text, langs_, &scratch_).tokens) {}

  std::vector<Money> Run() {
    std::vector<Money> out;
    size_t i = 0;
    while (i < t_.size()) {
      if (!MayStart(i)) {  // most tokens
        ++i;
        continue;
      }
      Money money;
      size_t end = 0;
      if (Match(i, &money, &end)) {
        out.push_back(std::move(money));
        i = end;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  size_t n() const { return t_.size(); }
  bool Is(size_t i, std::string_view w) const { return i < n() && t_[i].low == w; }
  bool IsAny(size_t i, std::initializer_list<std::string_view> ws) const {
    if (i >= n()) return false;
    for (std::string_view w : ws) if (t_[i].low == w) return true;
    return false;
  }
  bool Glued(size_t i) const { return i < n() && t_[i].glued; }
  bool Punct(size_t i, std::string_view p) const { return i < n() && t_[i].kind == Token::kPunct && t_[i].low == p; }
  bool Num(size_t i) const { return i < n() && t_[i].kind == Token::kNumber; }
  bool Dash(size_t i) const { return Punct(i, "-") || Punct(i, "\xe2\x80\x93") || Punct(i, "\xe2\x80\x94"); }
  bool En() const { return langs_ & timex::kEn; }
  bool De() const { return langs_ & timex::kDe; }

  // ---- currencies ---------------------------------------------------------
  // The signs CurrencyBefore reads: $ € £ ¥ ₩ ₹.
  static bool IsSign(std::string_view s) {
    return s == "$" || s == "\xe2\x82\xac" || s == "\xc2\xa3" || s == "\xc2\xa5" || s == "\xe2\x82\xa9" ||
           s == "\xe2\x82\xb9";
  }

  // A currency sign or code before the number ("$", "US$", "€", "EUR",
  // "CHF"); sets *after to the token after it.
  const char* CurrencyBefore(size_t i, size_t* after) const {
    if (i >= n()) return nullptr;
    const std::string_view w = t_[i].low;
    auto sign = [&](size_t k) -> const char* {
      if (k >= n()) return nullptr;
      std::string_view s = t_[k].low;
      if (s == "$") return "USD";
      if (s == "\xe2\x82\xac") return "EUR";   // €
      if (s == "\xc2\xa3") return "GBP";       // £
      if (s == "\xc2\xa5") return "JPY";       // ¥ (also yuan; JPY is the common reading in news)
      if (s == "\xe2\x82\xa9") return "KRW";   // ₩
      if (s == "\xe2\x82\xb9") return "INR";   // ₹
      return nullptr;
    };
    if (const char* c = sign(i)) { *after = i + 1; return c; }
    // Letter prefixes glued to "$": US$, U.S.$, C$, A$, HK$, S$, NT$.
    static constexpr std::pair<std::string_view, const char*> kDollarPrefixes[] = {
        {"us", "USD"}, {"c", "CAD"}, {"a", "AUD"}, {"hk", "HKD"}, {"s", "SGD"}, {"nt", "TWD"}, {"nz", "NZD"}};
    for (const auto& [prefix, code] : kDollarPrefixes) {
      if (w == prefix && Punct(i + 1, "$") && Glued(i + 1)) { *after = i + 2; return code; }
    }
    if (w == "u" && Punct(i + 1, ".") && Is(i + 2, "s") && Punct(i + 3, ".") && Punct(i + 4, "$")) { *after = i + 5; return "USD"; }
    if (const char* code = IsoCode(i)) { *after = i + 1; return code; }
    return nullptr;
  }

  const char* IsoCode(size_t i) const {
    if (i >= n() || t_[i].kind != Token::kWord || t_[i].low.size() != 3) return nullptr;
    // Codes must be written in capitals: "usd" or "eur" in running text is not a currency.
    static constexpr std::string_view kCodes[] = {"USD", "EUR", "GBP", "JPY", "CNY", "KRW", "CHF",
                                                  "INR", "CAD", "AUD", "HKD", "SGD", "RMB", "SEK",
                                                  "NOK", "DKK", "RUB", "TWD", "BRL", "PLN"};
    const std::string_view raw = text(i);
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (!upper(raw[0]) || !upper(raw[1]) || !upper(raw[2])) return nullptr;  // "the", "The": no code
    for (std::string_view code : kCodes) {
      if (raw == code) return raw == "RMB" ? "CNY" : code.data();  // the literals end in NUL
    }
    return nullptr;
  }

  std::string_view text(size_t i) const { return raw_text_.substr(t_[i].b, t_[i].e - t_[i].b); }

  // A currency word or code after the number ("dollars", "Euro",
  // "US-Dollar", "won", "EUR"); sets *after.
  const char* CurrencyAfter(size_t i, size_t* after, bool has_scale) const {
    if (i >= n()) return nullptr;
    const std::string_view w = t_[i].low;
    if (const char* code = IsoCode(i)) { *after = i + 1; return code; }
    if (t_[i].kind == Token::kPunct) {
      // German style puts the sign after the number: "12,99 €", "5 Mrd. $".
      size_t k = 0;
      const char* sign = CurrencyBefore(i, &k);
      if (sign && k == i + 1) { *after = k; return sign; }
      return nullptr;
    }
    if (w == "us" || w == "u") {
      // "US-Dollar", "US dollars", "U.S. dollars"
      size_t k = i + 1;
      if (w == "u" && Punct(k, ".") && Is(k + 1, "s")) { k += 2; if (Punct(k, ".")) ++k; }
      if (Dash(k)) ++k;
      if (IsAny(k, {"dollar", "dollars", "dollarn"})) { *after = k + 1; return "USD"; }
      return nullptr;
    }
    static constexpr std::pair<std::string_view, const char*> kWords[] = {
        {"dollar", "USD"}, {"dollars", "USD"}, {"dollarn", "USD"}, {"euro", "EUR"}, {"euros", "EUR"},
        {"pounds", "GBP"}, {"pfund", "GBP"}, {"yen", "JPY"}, {"yuan", "CNY"}, {"renminbi", "CNY"},
        {"rupees", "INR"}, {"rupien", "INR"}, {"franken", "CHF"}, {"francs", "CHF"}, {"rubel", "RUB"},
        {"roubles", "RUB"}, {"rubles", "RUB"}};
    for (const auto& [word, code] : kWords) {
      if (w == word) {
        *after = i + 1;
        if ((w == "pounds" || w == "pfund") && IsAny(i + 1, {"sterling"})) *after = i + 2;
        // "pounds" is also a weight; accept it only after a scale or a "£".
        if ((w == "pounds" || w == "pfund") && !has_scale) return nullptr;
        return code;
      }
    }
    // "won" is also a verb: only "1 trillion won", "500 Milliarden Won".
    if (w == "won" && has_scale) { *after = i + 1; return "KRW"; }
    return nullptr;
  }

  // ---- numbers ------------------------------------------------------------
  // Digits with thousands separators and a decimal part, read by the
  // language: English "1,234.5", German "1.234,5". A separator followed by
  // one or two digits is always a decimal mark.
  bool Number(size_t i, double* value, size_t* after) const {
    if (!Num(i)) {
      size_t scale_end = 0;
      if (IsAny(i, {"a", "an", "ein", "eine"}) && Scale(i + 1, &scale_end) > 0) {
        *value = 1;  // "a billion dollars", "eine Milliarde Euro"
        *after = i + 1;
        return true;
      }
      const timex::WordInfo* info = i < n() ? t_[i].info : nullptr;
      if (info && info->number > 0 && !IsAny(i, {"a", "an", "ein", "eine", "einer", "einem", "einen", "eines"})) {
        *value = info->number;
        *after = i + 1;
        return true;
      }
      return false;
    }
    if (t_[i].num < 0) return false;  // more than 18 digits: not an amount
    const bool german = De() && !En();
    const bool english = En() && !De();
    double v = static_cast<double>(t_[i].num);
    size_t k = i + 1;
    bool decimal_seen = false;
    while (k + 1 < n() && Glued(k) && Glued(k + 1) && Num(k + 1) && (Punct(k, ",") || Punct(k, "."))) {
      const bool comma = Punct(k, ",");
      const Token& next = t_[k + 1];
      bool thousands;
      if (next.digits != 3) thousands = false;
      else if (german) thousands = !comma;
      else if (english) thousands = comma;
      else thousands = Num(k + 3) && Glued(k + 2);  // "1.234.567": more groups follow
      if (!thousands && (decimal_seen || next.digits > 3)) break;
      if (thousands) {
        v = v * 1000 + static_cast<double>(next.num);
      } else {
        v += static_cast<double>(next.num) / std::pow(10.0, next.digits);
        decimal_seen = true;
      }
      k += 2;
    }
    *value = v;
    *after = k;
    return true;
  }

  // "million", "Mio.", "bn", "Milliarden", also glued: "5bn", "30m".
  double Scale(size_t i, size_t* after) const {
    if (i >= n() || t_[i].kind != Token::kWord) return 0;
    const std::string_view w = t_[i].low;
    double s = 0;
    bool dotted = false;
    if (En()) {
      if (w == "thousand" || w == "k") s = 1e3;
      else if (w == "million" || w == "millions" || w == "mn" || w == "mln" || w == "m") s = 1e6;
      else if (w == "billion" || w == "billions" || w == "bn" || w == "bln" || w == "b") s = 1e9;
      else if (w == "trillion" || w == "trillions" || w == "tn" || w == "tr") s = 1e12;
    }
    if (De() && s == 0) {
      if (w == "tausend" || w == "tsd") { s = 1e3; dotted = w == "tsd"; }
      else if (w == "million" || w == "millionen" || w == "mio") { s = 1e6; dotted = w == "mio"; }
      else if (w == "milliarde" || w == "milliarden" || w == "mrd" || w == "mia") { s = 1e9; dotted = w != "milliarde" && w != "milliarden"; }
      else if (w == "billion" || w == "billionen" || w == "bio") { s = 1e12; dotted = w == "bio"; }
    }
    if (s == 0) return 0;
    // One-letter scales only glued to the digits: "30m", "5B", not "5 m".
    if ((w == "m" || w == "b" || w == "k") && !Glued(i)) return 0;
    *after = i + 1;
    if ((dotted || w == "mn" || w == "bn") && Punct(i + 1, ".") && Glued(i + 1)) *after = i + 2;
    return s;
  }

  // ---- approximators ------------------------------------------------------
  // Words before an amount that make it approximate; returns the first
  // token of the phrase, or i when there is none.
  size_t ApproxBefore(size_t i) const {
    if (i == 0) return i;
    auto one = [&](size_t k) {
      return IsAny(k, {"about", "around", "approximately", "roughly", "nearly", "almost", "some", "over",
                       "under", "approx", "estimated", "rund", "etwa", "circa", "ca", "knapp", "über", "fast",
                       "nahezu", "annähernd", "gut", "mindestens", "höchstens"});
    };
    auto two = [&](size_t k) {
      return (IsAny(k, {"more", "less", "fewer"}) && Is(k + 1, "than")) || (Is(k, "up") && Is(k + 1, "to")) ||
             (Is(k, "at") && IsAny(k + 1, {"least", "most"})) || (Is(k, "close") && Is(k + 1, "to")) ||
             (IsAny(k, {"mehr", "weniger"}) && Is(k + 1, "als")) || (Is(k, "bis") && Is(k + 1, "zu"));
    };
    size_t k = i;
    if (k >= 1 && Punct(k - 1, ".") && k >= 2 && IsAny(k - 2, {"ca", "approx"})) return k - 2;
    if (k >= 2 && two(k - 2)) return k - 2;
    if (k >= 1 && one(k - 1)) {
      if (Is(k - 1, "estimated") && k >= 2 && IsAny(k - 2, {"an"})) return k - 2;
      return k - 1;
    }
    return i;
  }

  // ---- amounts ------------------------------------------------------------
  // One amount without range: [currency] number [scale] [-] [currency].
  bool One(size_t i, Amount* a) const {
    a->b = i;
    size_t k = i;
    a->currency = CurrencyBefore(k, &k);
    if (!Number(k, &a->number, &k)) return false;
    size_t s_end = k;
    if (Dash(k) && Glued(k)) {
      // "752-Millionen-Dollar", "$100-million"
      size_t after = 0;
      if (double s = Scale(k + 1, &after)) { a->scale = s; s_end = after; }
    } else if (double s = Scale(k, &s_end)) {
      a->scale = s;
    }
    k = s_end;
    if (!a->currency) {
      size_t c = Dash(k) && Glued(k) ? k + 1 : k;
      if (const char* cur = CurrencyAfter(c, &c, a->scale > 0)) { a->currency = cur; k = c; }
    }
    a->e = k;
    return true;
  }

  bool RangeWord(size_t k, bool between) const {
    if (Dash(k)) return true;
    if (IsAny(k, {"to", "bis"})) return true;
    return between && IsAny(k, {"and", "und"});
  }

  // Whether an amount may start at token i: a digit, a sign, a code, a
  // numeral, "a"/"an"/"ein"/"eine" (before a scale) or a dollar prefix ("US",
  // "HK", "u" of "U.S.$"); One() finds none anywhere else. Run tests this
  // first, since few tokens pass.
  bool MayStart(size_t i) const {
    const Token& tok = t_[i];
    switch (tok.kind) {
      case Token::kNumber:
        return true;
      case Token::kPunct:
        return IsSign(tok.low);  // no number follows other marks in One()
      case Token::kWord:
        break;
    }
    if (tok.info && tok.info->number > 0) return true;
    const std::string_view w = tok.low;
    // The words below, by length, compared byte by byte: most words are short.
    switch (w.size()) {
      case 1:
        return w[0] == 'a' || w[0] == 'c' || w[0] == 's' || w[0] == 'u';
      case 2:  // an us hk nt nz
        return (w[0] == 'a' && w[1] == 'n') || (w[0] == 'u' && w[1] == 's') || (w[0] == 'h' && w[1] == 'k') ||
               (w[0] == 'n' && (w[1] == 't' || w[1] == 'z'));
      case 3:
        return (w[0] == 'e' && w[1] == 'i' && w[2] == 'n') || IsoCode(i) != nullptr;
      case 4:
        return w[0] == 'e' && w[1] == 'i' && w[2] == 'n' && w[3] == 'e';
      default:
        return false;
    }
  }

  // An amount starting at token i (MayStart(i)).
  bool Match(size_t i, Money* money, size_t* end) const {
    Amount a;
    if (!One(i, &a)) return false;
    const bool between = i > 0 && IsAny(i - 1, {"between", "zwischen"});
    // "rose from $4bn to $5bn" is a change between two amounts, not a
    // range; German "von 1 bis 2 Milliarden" is a range ("von X auf Y" is
    // the change, and "auf" is no range word).
    const bool change = i > 0 && Is(i - 1, "from");
    Amount hi;
    bool range = false;
    if (!change && RangeWord(a.e, between) && One(a.e + 1, &hi) && (hi.currency || a.currency) &&
        (!a.scale || !hi.scale || a.scale == hi.scale || hi.scale)) {
      range = true;
    }
    if (range) {
      if (!a.currency) a.currency = hi.currency;
      if (!hi.currency) hi.currency = a.currency;
      if (!a.scale) a.scale = hi.scale;
      if (!hi.scale) hi.scale = a.scale;
      if (hi.currency != a.currency) range = false;  // "$5 - €4": two amounts
    }
    if (!a.currency) return false;
    // A bare sign with a small plain number and no scale ("$5") is money
    // too; a year-like number after a code ("EUR 2024") is not.
    if (!a.scale && !range && a.number >= 1900 && a.number <= 2100 && IsoCode(i)) return false;
    const double scale = a.scale ? a.scale : 1;
    size_t first = i;
    if (range && between) first = i - 1;
    size_t approx = ApproxBefore(first);
    money->start = t_[approx].b;
    money->value = a.number * scale;
    money->high = range ? hi.number * (hi.scale ? hi.scale : 1) : money->value;
    money->currency = a.currency;
    money->approximate = approx != first;
    *end = range ? hi.e : a.e;
    money->end = t_[*end - 1].e;
    return true;
  }

  std::string_view raw_text_;
  uint8_t langs_ = timex::kAnyLang;
  timex::TokenStream scratch_;    // holds the tokens of a text too large to share
  const std::vector<Token>& t_;  // the time stage's tokens of the text (SharedTokens)
};

}  // namespace

std::vector<Money> FindMoney(std::string_view text, const std::string& lang) {
  MoneyScanner scanner(text, lang);
  return scanner.Run();
}

}  // namespace pactgraph
