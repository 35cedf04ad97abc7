// The output line writer: exact JSON for awkward strings and numbers, and a
// round trip through the reader.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pactgraph/extractor.h"

namespace pactgraph {
namespace {

using json = nlohmann::ordered_json;

Extraction Sample() {
  Extraction x;
  x.doc.id = "doc-1";
  x.doc.source = "dir/a \"quoted\" name.txt";
  x.doc.lang = "de";
  x.doc.lang_confidence = 0.8731;
  x.doc.title = "Tab\there, newline\nthere, bell\x07, back\\slash, \xC3\xBC and \xE2\x82\xAC";
  x.doc.text = std::string("NUL \0 inside, DEL \x7F kept", 25);
  x.warnings = {"2 invalid byte sequence(s) replaced"};
  x.entities.push_back(Entity{"e1", "ORG", "M\xC3\xBCller AG", {Mention{{3, 13}, "M\xC3\xBCller AG"}}});
  x.entities.push_back(Entity{"e2", "PERSON", "Jana Nov\xC3\xA1k", {}});
  x.roles.push_back(Role{"e2", "e1", "", {0, 40}});
  Event e;
  e.type = "INVESTMENT";
  e.from = "e1";
  e.to = "e2";
  e.amount = Amount{1.5e9, "EUR"};
  e.status = "planned";
  e.topics = {"AI chips", "HBM"};
  e.evidence = {{5, 9}, {20, 31}};
  x.events.push_back(e);
  Event m;
  m.type = "MEETING";
  m.date = "2024-05";
  m.status = "occurred";
  x.events.push_back(m);
  return x;
}

TEST(JsonLineTest, StringsAreEscapedAsNlohmannWritesThem) {
  Extraction x = Sample();
  json j = json::parse(ToJsonLine(x, true));
  const std::string line = ToJsonLine(x, true);
  // Re-serialising the parsed line gives the same bytes: the writer agrees
  // with nlohmann on escapes, number format and key order.
  EXPECT_EQ(j.dump(-1, ' ', false, json::error_handler_t::replace), line);
  EXPECT_NE(line.find("\"Tab\\there, newline\\nthere, bell\\u0007, back\\\\slash"), std::string::npos) << line;
  EXPECT_NE(line.find("\"NUL \\u0000 inside"), std::string::npos) << line;
  EXPECT_NE(line.find("\"lang_confidence\":0.8731"), std::string::npos) << line;
  EXPECT_NE(line.find("\"amount\":{\"value\":1500000000.0,\"currency\":\"EUR\"}"), std::string::npos) << line;
  EXPECT_NE(line.find("\"published\":null"), std::string::npos) << line;
  EXPECT_NE(line.find("\"title\":null"), std::string::npos) << line;  // the role's
  // A directed event has no participants; an undirected one always has the array.
  EXPECT_EQ(j["events"][0].count("participants"), 0u);
  EXPECT_EQ(j["events"][1]["participants"], json::array());
}

TEST(JsonLineTest, TextIsWrittenOnlyWhenAsked) {
  Extraction x = Sample();
  EXPECT_EQ(json::parse(ToJsonLine(x, false))["doc"].count("text"), 0u);
  EXPECT_EQ(json::parse(ToJsonLine(x, true))["doc"]["text"], x.doc.text);
}

TEST(JsonLineTest, InvalidUtf8IsReplacedNotPassedThrough) {
  Extraction x = Sample();
  x.doc.title = "bad \xC3( and \xED\xA0\x80 surrogate and cut \xE2\x82";
  x.entities[0].name = "overlong \xC0\xAF";
  const std::string line = ToJsonLine(x, false);
  json j = json::parse(line);  // throws on invalid UTF-8
  EXPECT_NE(j["doc"]["title"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(j["entities"][0]["name"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
}

// The line is sized ahead from the entity count; longer content grows it.
TEST(JsonLineTest, LongStringsGrowTheLine) {
  Extraction x = Sample();
  x.doc.title = std::string(3000, 'a') + "\n\"" + std::string(3000, '\x01') + "\xC3\xBC";
  x.entities[1].name = std::string(5000, 'n');
  const std::string line = ToJsonLine(x, false);
  json j = json::parse(line);
  EXPECT_EQ(j.dump(-1, ' ', false, json::error_handler_t::replace), line);
  EXPECT_EQ(j["doc"]["title"], x.doc.title);
  EXPECT_EQ(j["entities"][1]["name"], x.entities[1].name);
}

TEST(JsonLineTest, RoundTripsThroughTheReader) {
  Extraction x = Sample();
  x.doc.lang_confidence = 0;  // fields the reader does not keep
  x.warnings.clear();
  StatusOr<Extraction> back = FromJsonLine(ToJsonLine(x, true));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(ToJsonLine(*back, true), ToJsonLine(x, true));
  EXPECT_EQ(back->entities[0].mentions[0].text, "M\xC3\xBCller AG");
  ASSERT_TRUE(back->events[0].amount.has_value());
  EXPECT_DOUBLE_EQ(back->events[0].amount->value, 1.5e9);
}

}  // namespace
}  // namespace pactgraph
