#pragma once
// Transactional messages: a half message the broker keeps invisible until the local
// transaction's outcome commits or rolls it back; when the outcome is unknown, the broker asks
// the producer group again later (CHECK_TRANSACTION_STATE) and the checker answers.
#include <functional>

#include "rocketmq/producer.hpp"

namespace rocketmq {

enum class LocalTransactionState { commit, rollback, unknown };
const char* to_string(LocalTransactionState state) noexcept;  // "COMMIT_MESSAGE", …

struct TransactionSendResult : SendResult {
    LocalTransactionState local_state = LocalTransactionState::unknown;
};

/// Runs the local transaction once the half message is stored (executeLocalTransaction), on the
/// producer's check thread. The message's transaction id is its unique_key(). An exception
/// counts as unknown.
using LocalTransactionExecutor = std::function<LocalTransactionState(const Message&)>;
/// Answers the broker's check of a half message whose outcome was unknown
/// (checkLocalTransaction). Runs on the producer's check thread; an exception counts as unknown.
using TransactionChecker = std::function<LocalTransactionState(const ReceivedMessage&)>;

class TransactionProducer : public Producer {
  public:
    /// Starts one thread for the checker, besides what Producer's constructors do.
    TransactionProducer(asio::any_io_executor executor, ProducerOptions options,
                        TransactionChecker checker, ClientOptions client = {});
    TransactionProducer(ProducerOptions options, TransactionChecker checker,
                        ClientOptions client = {});

    /// Sends the half message, runs `local` if it was stored, and tells the broker the outcome
    /// (END_TRANSACTION). A half message that was not stored is rolled back.
    asio::awaitable<Result<TransactionSendResult>> send_in_transaction(
        Message message, LocalTransactionExecutor local);
    Result<TransactionSendResult> send_in_transaction_blocking(Message message,
                                                               LocalTransactionExecutor local);
};

}  // namespace rocketmq
