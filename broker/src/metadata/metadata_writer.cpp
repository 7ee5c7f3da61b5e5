#include "metadata/metadata_writer.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "service/service_runner.hpp"

namespace rmq::broker {

namespace asio = boost::asio;

namespace {

constexpr auto kRetryAfterFailure = std::chrono::seconds(1);

}  // namespace

/// Holds at most one pending wake-up: more changes before the writer runs need no more.
struct MetadataWriter::Wakeup {
    explicit Wakeup(asio::any_io_executor executor) : channel(std::move(executor), 1) {}
    asio::experimental::concurrent_channel<void(boost::system::error_code)> channel;
};

MetadataWriter::MetadataWriter(std::string name, std::function<store::Result<void>()> write)
    : name_(std::move(name)), write_(std::move(write)) {
}

MetadataWriter::~MetadataWriter() = default;

void MetadataWriter::mark_dirty() {
    dirty_ = true;
    if (!background_) {
        if (auto r = flush(); !r)
            log::error("broker", "cannot write " + name_ + ": " + r.error().message);
        return;
    }
    (void)wakeup_->channel.try_send(boost::system::error_code{});
}

store::Result<void> MetadataWriter::flush() {
    std::lock_guard lock(write_mutex_);
    // Cleared before the copy: a change made while the file is written is written next time.
    if (!dirty_.exchange(false)) return {};
    auto written = write_();
    if (!written) dirty_ = true;
    return written;
}

void MetadataWriter::run_in_background(asio::any_io_executor executor) {
    wakeup_ = std::make_unique<Wakeup>(std::move(executor));
    background_ = true;
}

void MetadataWriter::run_in_foreground() {
    background_ = false;
}

asio::awaitable<void> MetadataWriter::run(std::chrono::milliseconds delay) {
    for (;;) {
        const auto [ec] =
            co_await wakeup_->channel.async_receive(asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;  // cancelled: the owner flushes at shutdown
        const bool awake = co_await service::ServiceRunner::sleep(delay);
        if (!awake) co_return;
        if (auto r = flush(); !r) {
            log::error("broker", "cannot write " + name_ + " (retrying): " + r.error().message);
            const bool retry = co_await service::ServiceRunner::sleep(kRetryAfterFailure);
            if (!retry) co_return;
            (void)wakeup_->channel.try_send(boost::system::error_code{});
        }
    }
}

}  // namespace rmq::broker
