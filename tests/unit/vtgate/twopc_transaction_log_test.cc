// The SQL and parsing of the two-phase commit's durable records.
#include <gtest/gtest.h>

#include "vtgate/twopc/dtid_source.h"
#include "vtgate/twopc/transaction_log.h"
#include "vtgate/twopc/transaction_settings.h"

namespace tessera::vtgate::twopc {
namespace {

ResultSet RowsOf(std::vector<Row> rows) {
  ResultSet result;
  result.rows = std::move(rows);
  return result;
}

TEST(TwoPcTransactionLogTest, RecordsRoundTripThroughTheirSql) {
  std::vector<Participant> participants = {{1, "customer", "-80"}, {3, "commerce", "0"}};
  std::string insert = InsertSql("tsr-00ff-7", participants);
  EXPECT_NE(insert.find("'tsr-00ff-7', 'prepare', '1 customer/-80\\n3 commerce/0'"),
            std::string::npos)
      << insert;
  // What SelectAllSql reads back: the participants column as stored.
  auto records =
      ParseRecords(RowsOf({{"tsr-00ff-7", "commit", "1 customer/-80\n3 commerce/0", "42"},
                           {"tsr-00ff-8", "bogus", "1 customer/-80", "1"},
                           {"tsr-00ff-9", "prepare", "no-ordinal", "1"},
                           {"tsr-00ff-10", "rollback", "2 customer/80-", std::nullopt}}));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].dtid, "tsr-00ff-7");
  EXPECT_EQ(records[0].state, State::kCommit);
  EXPECT_EQ(records[0].participants, participants);
  EXPECT_EQ(records[0].age_ms, 42);

  EXPECT_EQ(DecideSql("tsr-1", State::kCommit),
            "UPDATE `_tessera`.`twopc_transactions` SET state = 'commit' WHERE dtid = 'tsr-1' "
            "AND state = 'prepare'");
  EXPECT_EQ(ParseState(RowsOf({{"rollback"}})), State::kRollback);
  EXPECT_EQ(ParseState(RowsOf({})), std::nullopt);
  EXPECT_TRUE(IsMissingLog(1146));
  EXPECT_TRUE(IsMissingLog(1049));
  EXPECT_FALSE(IsMissingLog(1105));
}

TEST(TwoPcTransactionLogTest, XaRecoverRowsBecomeOurBranchIds) {
  EXPECT_EQ(XaId("tsr-ab-1", 2), "'tsr-ab-1','2'");
  // formatID, gtrid_length, bqual_length, data.
  auto branches = RecoveredBranches(RowsOf({{"1", "8", "1", "tsr-ab-12"},
                                            {"1", "8", "2", "tsr-ab-110"},
                                            {"1", "2", "0", "g4"},            // not ours
                                            {"2", "8", "1", "tsr-ab-12"},     // other format
                                            {"1", "8", "1", "tsr-ab-1"},      // lengths lie
                                            {"1", "8", "1", "tsr-ab-1x"}}));  // bqual not a number
  ASSERT_EQ(branches.size(), 2u);
  EXPECT_EQ(branches[0].dtid, "tsr-ab-1");
  EXPECT_EQ(branches[0].xa_id, "'tsr-ab-1','2'");
  EXPECT_EQ(branches[1].xa_id, "'tsr-ab-1','10'");
}

TEST(TwoPcTransactionLogTest, DtidsAreOursAndDistinct) {
  DtidSource a(0x1234), b(0x5678);
  std::string first = a.Next();
  EXPECT_TRUE(first.starts_with(kDtidPrefix)) << first;
  EXPECT_NE(first, a.Next());
  EXPECT_NE(first, b.Next());
  EXPECT_LE(DtidSource(~0ull).Next().size(), 64u);
}

TEST(TwoPcTransactionLogTest, TransactionModesByName) {
  EXPECT_EQ(ParseTransactionMode("TwoPC"), TransactionMode::kTwoPc);
  EXPECT_EQ(ParseTransactionMode("single"), TransactionMode::kSingle);
  EXPECT_EQ(ParseTransactionMode("multi"), TransactionMode::kMulti);
  EXPECT_EQ(ParseTransactionMode("2pc"), std::nullopt);
  EXPECT_EQ(TransactionModeName(TransactionMode::kTwoPc), "twopc");
}

}  // namespace
}  // namespace tessera::vtgate::twopc
