#include "clean/html_date.h"

#include <gtest/gtest.h>

namespace pactgraph {
namespace {

TEST(NormalizeDate, CommonMetadataForms) {
  EXPECT_EQ(NormalizeDate("2019-11-19T10:00:00Z"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("2019/11/19"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("20191119"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("2019-11"), "2019-11");
  EXPECT_EQ(NormalizeDate("Tue, 19 Nov 2019 10:00:00 GMT"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("November 19, 2019 6:56 AM"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("19. November 2019"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("7. M\xc3\xa4rz 2024"), "2024-03-07");
  EXPECT_EQ(NormalizeDate("14. Mai 2024"), "2024-05-14");
  EXPECT_EQ(NormalizeDate("19.11.2019"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("11/19/2019"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("19/11/2019"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("1574168580"), "2019-11-19");
  EXPECT_EQ(NormalizeDate("1574168580000"), "2019-11-19");
}

TEST(NormalizeDate, RejectsImplausible) {
  EXPECT_EQ(NormalizeDate(""), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
  EXPECT_EQ(NormalizeDate("2019-02-30"), "");
  EXPECT_EQ(NormalizeDate("2019-13-01"), "");
  EXPECT_EQ(NormalizeDate("1234-01-01"), "");
  EXPECT_EQ(NormalizeDate("12345"), "");
}

}  // namespace
}  // namespace pactgraph
