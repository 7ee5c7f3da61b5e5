#pragma once
// Requests waiting for their replies (RequestFutureHolder): a request registers its correlation
// id before it is sent, and the reply the broker pushes (PUSH_REPLY_MESSAGE_TO_CLIENT) wakes it
// by cancelling its timer; a request whose timer runs out finds no reply.
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "rocketmq/message.hpp"

namespace rocketmq::detail {

namespace asio = boost::asio;

class ReplyWaiters {
  public:
    struct Waiter {
        explicit Waiter(const asio::any_io_executor& executor) : timer(executor) {}
        asio::steady_timer timer;
        std::optional<ReceivedMessage> reply;  // under the owner's mutex
    };

    /// Registers `correlation_id`; its timer expires at `deadline`.
    std::shared_ptr<Waiter> expect(const std::string& correlation_id,
                                   const asio::any_io_executor& executor,
                                   std::chrono::steady_clock::time_point deadline);
    /// Hands `reply` to its request; false when none waits for it (gone, or never ours).
    bool deliver(const std::string& correlation_id, ReceivedMessage reply);
    /// Whether the reply for `correlation_id` has arrived (it may come before its request's
    /// wait starts, when a cancellation of the timer would find nothing to cancel).
    bool answered(const std::string& correlation_id);
    /// The reply that arrived for `correlation_id`, if any; the registration ends.
    std::optional<ReceivedMessage> take(const std::string& correlation_id);

  private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Waiter>> waiting_;
};

}  // namespace rocketmq::detail
