#include "input/decode.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

namespace pactgraph {
namespace {

Decoded MustDecode(std::string_view bytes) {
  StatusOr<Decoded> d = Decode(bytes);
  EXPECT_TRUE(d.ok()) << d.status().message();
  return d.ok() ? std::move(d).value() : Decoded{};
}

// Every output byte must map to a byte inside the input, and origins never go
// backwards (decoding does not reorder text).
void ExpectOriginsSane(const Decoded& d, size_t input_size) {
  uint32_t prev = 0;
  for (size_t i = 0; i < d.text.size(); ++i) {
    ASSERT_LT(d.text.Origin(i), input_size) << "byte " << i;
    ASSERT_GE(d.text.Origin(i), prev) << "byte " << i;
    prev = d.text.Origin(i);
  }
}

std::string Utf16(std::u16string_view s, bool little, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    if (little) {
      out += lo;
      out += hi;
    } else {
      out += hi;
      out += lo;
    }
  };
  if (bom) put(0xFEFF);
  for (char16_t u : s) put(u);
  return out;
}

TEST(Decode, PlainUtf8IsCopiedAsIs) {
  std::string in = "Größe – 5 €\n";
  Decoded d = MustDecode(in);
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.text.text(), in);
  EXPECT_EQ(d.replaced, 0u);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ(d.text.Origin(i), i);
  EXPECT_EQ(d.text.Origin(in.size()), in.size());
  EXPECT_TRUE(d.identity);
}

TEST(Decode, Utf8BomIsSkippedAndOffsetsStayOnInput) {
  Decoded d = MustDecode("\xEF\xBB\xBFHello");
  EXPECT_EQ(d.text.text(), "Hello");
  EXPECT_EQ(d.text.Origin(0), 3u);
  EXPECT_EQ(d.text.ToInput(0, 5).start, 3u);
  EXPECT_EQ(d.text.ToInput(0, 5).end, 8u);
  EXPECT_FALSE(d.identity);  // the mark is skipped: origins are shifted
}

TEST(Decode, Utf16LittleEndianWithBom) {
  std::string in = Utf16(u"Grüße, 😀 ok", true, true);
  Decoded d = MustDecode(in);
  EXPECT_EQ(d.encoding, "utf-16le");
  EXPECT_EQ(d.text.text(), "Grüße, 😀 ok");
  EXPECT_EQ(d.replaced, 0u);
  // 'G' is the first unit after the BOM; every byte of "ü" maps to its unit.
  EXPECT_EQ(d.text.Origin(0), 2u);
  EXPECT_EQ(d.text.Origin(2), 6u);
  EXPECT_EQ(d.text.Origin(3), 6u);
  EXPECT_EQ(d.text.Origin(4), 8u);
  // The emoji (a surrogate pair at units 7-8) maps to its first unit.
  size_t emoji = d.text.text().find("😀");
  for (size_t k = 0; k < 4; ++k) EXPECT_EQ(d.text.Origin(emoji + k), 2u + 7 * 2);
  ExpectOriginsSane(d, in.size());
}

TEST(Decode, Utf16BigEndianWithBom) {
  Decoded d = MustDecode(Utf16(u"Straße", false, true));
  EXPECT_EQ(d.encoding, "utf-16be");
  EXPECT_EQ(d.text.text(), "Straße");
}

TEST(Decode, Utf16WithoutBomIsRecognised) {
  Decoded d = MustDecode(Utf16(u"Microsoft meets Samsung in Seoul.", true, false));
  EXPECT_EQ(d.encoding, "utf-16le");
  EXPECT_EQ(d.text.text(), "Microsoft meets Samsung in Seoul.");
}

TEST(Decode, LoneSurrogateIsReplaced) {
  Decoded d = MustDecode(Utf16(u"ab\xD800" "cd", true, true));
  EXPECT_EQ(d.text.text(), "ab\xEF\xBF\xBD" "cd");
  EXPECT_EQ(d.replaced, 1u);
}

TEST(Decode, Latin1TextIsReadAsWindows1252) {
  // "Größe für München" in Latin-1, plus cp1252 quotes and the euro sign.
  std::string in = "Gr\xF6\xDF" "e f\xFCr M\xFCnchen: \x93" "Chips\x94 f\xFCr 5 \x80";
  Decoded d = MustDecode(in);
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.text.text(), "Größe für München: “Chips” für 5 €");
  EXPECT_EQ(d.replaced, 0u);
  // "ö" (two UTF-8 bytes) maps to its one input byte.
  EXPECT_EQ(d.text.Origin(2), 2u);
  EXPECT_EQ(d.text.Origin(3), 2u);
  EXPECT_EQ(d.text.Origin(4), 3u);
  ExpectOriginsSane(d, in.size());
}

TEST(Decode, MostlyUtf8WithAStrayByteReplacesAndCounts) {
  std::string in = "Größe für München und Köln \xFF ende";
  Decoded d = MustDecode(in);
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_NE(d.text.text().find("\xEF\xBF\xBD ende"), std::string::npos);
  ExpectOriginsSane(d, in.size());
}

TEST(Decode, UndefinedCp1252BytesAreNotPlausibleLatin1) {
  // 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252.
  Decoded d = MustDecode("abc \x81\x8D\x8F\x90\x9D def");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.replaced, 5u);
}

TEST(Decode, TruncatedSequenceIsOneReplacement) {
  Decoded d = MustDecode("für ab\xE2\x82");
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_EQ(d.text.text(), "für ab\xEF\xBF\xBD");
}

TEST(Decode, OverlongAndSurrogateUtf8AreInvalid) {
  Decoded d = MustDecode("x\xC0\xAF y \xED\xA0\x80 z üüüüü “ok”");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_GT(d.replaced, 0u);
  EXPECT_EQ(d.text.text().find('\xC0'), std::string::npos);
}

TEST(Decode, EmptyAndBlankInputFail) {
  for (std::string_view in : {std::string_view(""), std::string_view(" \n\t\r\n "),
                              std::string_view("\xEF\xBB\xBF"), std::string_view("\xFF\xFE")}) {
    StatusOr<Decoded> d = Decode(in);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.status().message(), "empty input");
  }
}

TEST(Decode, BinaryInputFails) {
  std::string png = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0";
  png.append(std::string("\x01\x02\x03\x00\x05\x06", 6));
  StatusOr<Decoded> d = Decode(png);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "looks binary, not text");
  std::string controls(200, 'a');
  for (size_t i = 0; i < controls.size(); i += 5) controls[i] = '\x02';
  EXPECT_FALSE(Decode(controls).ok());
}

// More than one control byte in twenty makes a text binary; the whitespace
// controls (tab, LF, VT, FF, CR) do not count.
TEST(Decode, ControlByteThreshold) {
  auto with = [](char c, int count) {
    std::string s(100, 'a');
    for (int i = 0; i < count; ++i) s[10 + i * 7] = c;
    return s;
  };
  EXPECT_TRUE(Decode(with('\x0E', 5)).ok());
  EXPECT_FALSE(Decode(with('\x0E', 6)).ok());
  EXPECT_FALSE(Decode(with('\x08', 6)).ok());
  EXPECT_FALSE(Decode(with('\x1F', 6)).ok());
  for (char c : {'\t', '\n', '\v', '\f', '\r'}) EXPECT_TRUE(Decode(with(c, 12)).ok()) << int{c};
}

TEST(Decode, OneStrayNulInLongTextIsReplaced) {
  std::string in(500, 'a');
  in[250] = '\0';
  Decoded d = MustDecode(in);
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_EQ(d.text.text().find('\0'), std::string::npos);
}

// Random bytes, including ones biased towards the tricky ranges, must never
// crash, and whatever comes out must be valid UTF-8 mapped into the input.
TEST(Decode, RandomBytesNeverCrash) {
  std::mt19937 rng(20261121);
  const std::string alphabet = std::string("aZ \n\0\x80\x9D\xC3\xA4\xE2\x82\xAC\xF0\x9F\xED\xFF\xFE\xEF\xBB\xBF", 20);
  for (int round = 0; round < 3000; ++round) {
    size_t n = rng() % 64;
    std::string in;
    for (size_t i = 0; i < n; ++i) {
      in += round % 2 ? static_cast<char>(rng() & 0xFF) : alphabet[rng() % alphabet.size()];
    }
    StatusOr<Decoded> d = Decode(in);
    if (!d.ok()) continue;
    ExpectOriginsSane(*d, in.size());
    // Re-decoding the output must be clean UTF-8 with nothing replaced.
    StatusOr<Decoded> again = Decode(d->text.text());
    if (again.ok() && again->encoding == "utf-8") {
      EXPECT_EQ(again->replaced, 0u) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace pactgraph
