// Metadata files written off the request path: at once before the broker runs, then in the
// background, a burst of changes costing one write, and whatever is left at shutdown.
#include "metadata/metadata_writer.hpp"

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <thread>

#include "catch.hpp"
#include "service/service_runner.hpp"

using rmq::broker::MetadataWriter;
using rmq::service::ServiceRunner;
using namespace std::chrono_literals;

namespace {

struct CountingFile {
    std::atomic<int> writes{0};
    std::atomic<int> value{0};    // the table
    std::atomic<int> written{0};  // what the last write put in the file
    bool fail = false;
    rmq::store::Result<void> write() {
        ++writes;
        if (fail) return rmq::common::Error{rmq::store::errc::io_error, "disk full"};
        written = value.load();
        return {};
    }
};

}  // namespace

TEST_CASE("before the broker runs, a change is written at once") {
    CountingFile file;
    MetadataWriter writer("test.json", [&] { return file.write(); });
    file.value = 1;
    writer.mark_dirty();
    CHECK(file.writes == 1);
    CHECK(file.written == 1);
    CHECK(writer.flush());  // nothing left to write
    CHECK(file.writes == 1);
}

TEST_CASE("in the background a burst of changes is written once, and shutdown writes the rest") {
    CountingFile file;
    // Before the writer: its channel must go before the pool's services do.
    boost::asio::thread_pool pool(1);
    MetadataWriter writer("test.json", [&] { return file.write(); });
    ServiceRunner runner(pool.get_executor(), "test");
    writer.run_in_background(pool.get_executor());
    runner.spawn("writer", [&] { return writer.run(200ms); });

    for (int i = 1; i <= 100; ++i) {
        file.value = i;
        writer.mark_dirty();
    }
    CHECK(file.writes == 0);  // nothing written on the changing thread
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (file.written != 100 && std::chrono::steady_clock::now() < until)
        std::this_thread::yield();
    CHECK(file.written == 100);
    CHECK(file.writes == 1);

    // A change the service has no time to write is written by the flush after it stops.
    file.value = 101;
    writer.mark_dirty();
    runner.stop();
    writer.run_in_foreground();
    CHECK(writer.flush());
    CHECK(file.written == 101);
    pool.join();
}

TEST_CASE("a failed write is kept dirty and written by the next flush") {
    CountingFile file;
    MetadataWriter writer("test.json", [&] { return file.write(); });
    file.fail = true;
    file.value = 5;
    writer.mark_dirty();  // logged, not lost
    CHECK(file.written == 0);
    file.fail = false;
    CHECK(writer.flush());
    CHECK(file.written == 5);
}
