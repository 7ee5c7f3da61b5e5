// Outgoing requests: opaque allocation, the pending table, timeouts and response matching.
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "on_executor.hpp"
#include "pending_request.hpp"
#include "remoting/connection.hpp"
#include "write_queue.hpp"

namespace rmq::remoting {

namespace {

// Process-wide like Java's, so an opaque in a log line identifies one request across connections.
std::atomic<int32_t> g_next_opaque{1};

std::string describe(const RemotingCommand& request, const std::string& peer) {
    return "(code " + std::to_string(request.code) + ", opaque " + std::to_string(request.opaque)
           + ", peer " + peer + ")";
}

common::Error closed_error(const RemotingCommand& request, const std::string& peer) {
    return {errc::connection_closed, "connection closed " + describe(request, peer)};
}

common::Error timeout_error(const RemotingCommand& request, const std::string& peer,
                            std::chrono::milliseconds timeout) {
    return {errc::timeout, "request timed out after " + std::to_string(timeout.count()) + " ms "
                               + describe(request, peer)};
}

/// Removes the table entry however the waiting coroutine ends (also if its frame is destroyed).
struct PendingEntry {
    std::unordered_map<int32_t, PendingRequest*>& table;
    std::atomic<size_t>& count;
    int32_t opaque;
    PendingRequest* request;
    ~PendingEntry() {
        auto it = table.find(opaque);
        if (it != table.end() && it->second == request) {
            table.erase(it);
            count.store(table.size(), std::memory_order_relaxed);
        }
    }
};

}  // namespace

// Not a coroutine: the shared_ptr is taken now, so the connection outlives a request that is
// started later (co_spawn) by a caller holding no reference of its own.
asio::awaitable<Result<RemotingCommand>> Connection::request(RemotingCommand request,
                                                             std::chrono::milliseconds timeout) {
    return on_executor(executor_, do_request(shared_from_this(), std::move(request), timeout));
}

asio::awaitable<Result<RemotingCommand>> Connection::do_request(
    [[maybe_unused]] std::shared_ptr<Connection> self, RemotingCommand request,
    std::chrono::milliseconds timeout) {
    request.flag &= ~(proto::rpc_flag::kResponse | proto::rpc_flag::kOneway);
    // Skip an opaque still waiting here (only possible after 2^32 requests wrap around).
    do {
        request.opaque = g_next_opaque.fetch_add(1, std::memory_order_relaxed);
    } while (pending_.contains(request.opaque));
    RemotingCommand summary;  // what the error messages need once `request` is moved out
    summary.code = request.code;
    summary.opaque = request.opaque;
    if (!is_open()) co_return closed_error(summary, remote_address_);

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    PendingRequest pending(executor_);
    pending.wakeup.expires_at(deadline);
    pending_.emplace(summary.opaque, &pending);
    pending_count_.store(pending_.size(), std::memory_order_relaxed);
    PendingEntry entry{pending_, pending_count_, summary.opaque, &pending};

    auto pushed = co_await queue_->push(OutFrame::encode(std::move(request)), deadline);
    if (pushed == WriteQueue::PushResult::Closed) co_return closed_error(summary, remote_address_);
    if (pushed == WriteQueue::PushResult::TimedOut)
        co_return timeout_error(summary, remote_address_, timeout);

    if (!pending.response && !pending.closed)
        co_await pending.wakeup.async_wait(asio::as_tuple(asio::use_awaitable));
    // Checked first: a response may land just as the timer fires.
    if (pending.response) co_return std::move(*pending.response);
    if (pending.closed) co_return closed_error(summary, remote_address_);
    co_return timeout_error(summary, remote_address_, timeout);
}

asio::awaitable<Result<void>> Connection::send_oneway(RemotingCommand request,
                                                      std::chrono::milliseconds timeout) {
    return on_executor(executor_, do_send_oneway(shared_from_this(), std::move(request), timeout));
}

asio::awaitable<Result<void>> Connection::do_send_oneway(
    [[maybe_unused]] std::shared_ptr<Connection> self, RemotingCommand request,
    std::chrono::milliseconds timeout) {
    request.flag = (request.flag & ~proto::rpc_flag::kResponse) | proto::rpc_flag::kOneway;
    request.opaque = g_next_opaque.fetch_add(1, std::memory_order_relaxed);
    RemotingCommand summary;
    summary.code = request.code;
    summary.opaque = request.opaque;
    if (!is_open()) co_return closed_error(summary, remote_address_);
    auto pushed = co_await queue_->push(OutFrame::encode(std::move(request)),
                                        std::chrono::steady_clock::now() + timeout);
    if (pushed == WriteQueue::PushResult::Closed) co_return closed_error(summary, remote_address_);
    if (pushed == WriteQueue::PushResult::TimedOut)
        co_return timeout_error(summary, remote_address_, timeout);
    co_return Result<void>{};
}

void Connection::complete_pending(RemotingCommand&& response) {
    auto it = pending_.find(response.opaque);
    if (it == pending_.end()) {
        dropped_responses_.fetch_add(1, std::memory_order_relaxed);
        log::debug("remoting", "dropped response without pending request "
                                   + describe(response, remote_address_));
        return;
    }
    PendingRequest* pending = it->second;
    pending_.erase(it);
    pending_count_.store(pending_.size(), std::memory_order_relaxed);
    pending->response = std::move(response);
    pending->wakeup.cancel();
}

}  // namespace rmq::remoting
