#include "sim/front/images.hpp"

#include <gif_lib.h>
#include <png.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace sim {
namespace {

// An OLED's two colours: a cold white on black.
constexpr std::uint8_t kLit[3] = {0xE6, 0xF2, 0xFF};
constexpr std::uint8_t kDark[3] = {0x06, 0x08, 0x0C};

[[noreturn]] void fail(const std::string& path, const std::string& why) { throw std::runtime_error(path + ": " + why); }

}  // namespace

void write_png(const std::string& path, const Glass& glass, unsigned scale) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) fail(path, "cannot open for writing");
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) fail(path, "libpng could not start");
  const unsigned w = Glass::kWidth * scale, h = Glass::kHeight * scale;
  std::vector<png_byte> row(std::size_t{w} * 3);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    fail(path, "libpng failed while writing");
  }
  png_init_io(png, file.get());
  png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (unsigned y = 0; y < h; ++y) {
    for (unsigned x = 0; x < w; ++x) {
      const auto* c = glass.at(x / scale, y / scale) ? kLit : kDark;
      for (unsigned k = 0; k < 3; ++k) row[x * 3 + k] = c[k];
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
}

std::optional<Glass> read_png_glass(const std::string& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) return std::nullopt;
  image.format = PNG_FORMAT_GRAY;
  const unsigned w = image.width, h = image.height;
  const unsigned scale = w / Glass::kWidth;
  if (scale == 0 || w != scale * Glass::kWidth || h != scale * Glass::kHeight) {
    png_image_free(&image);
    return std::nullopt;
  }
  std::vector<png_byte> gray(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, gray.data(), 0, nullptr)) return std::nullopt;
  Glass glass;
  glass.lit = true;
  bool any = false;
  for (unsigned y = 0; y < Glass::kHeight; ++y)
    for (unsigned x = 0; x < Glass::kWidth; ++x) {
      // The centre of each square decides: lit pixels are near white, dark near black.
      const png_byte v = gray[(y * scale + scale / 2) * w + x * scale + scale / 2];
      glass.pixels[y][x] = v >= 0x80;
      any |= glass.pixels[y][x];
    }
  glass.lit = any;  // a dark panel and a lit panel showing nothing look the same
  if (!any) glass.pixels = {};
  return glass;
}

void GifRecorder::record(Picoseconds at, const Glass& glass) {
  if (!frames_.empty() && frames_.back().glass == glass) return;
  if (!frames_.empty() && at - frames_.back().at < interval_ && frames_.size() > 1) {
    frames_.back().glass = glass;  // same interval: keep only the latest picture
    return;
  }
  frames_.push_back({at, glass});
}

void GifRecorder::write(const std::string& path, Picoseconds end) const {
  // Created here rather than by giflib, which would make it readable by its owner only.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (fd < 0) fail(path, "cannot open for writing");
  int error = 0;
  GifFileType* gif = EGifOpenFileHandle(fd, &error);  // owns fd from here on
  if (!gif) {
    ::close(fd);
    fail(path, std::string("cannot write GIF: ") + GifErrorString(error));
  }
  auto close = [&] {
    int e = 0;
    EGifCloseFile(gif, &e);  // closes the descriptor too
  };
  const int w = static_cast<int>(Glass::kWidth * scale_), h = static_cast<int>(Glass::kHeight * scale_);
  GifColorType colours[2] = {{kDark[0], kDark[1], kDark[2]}, {kLit[0], kLit[1], kLit[2]}};
  ColorMapObject* map = GifMakeMapObject(2, colours);
  EGifSetGifVersion(gif, true);
  bool ok = EGifPutScreenDesc(gif, w, h, 1, 0, map) == GIF_OK;
  // Loop forever (the NETSCAPE2.0 application extension).
  const unsigned char loop[3] = {1, 0, 0};
  ok = ok && EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
       EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_OK && EGifPutExtensionBlock(gif, 3, loop) == GIF_OK &&
       EGifPutExtensionTrailer(gif) == GIF_OK;
  std::vector<GifPixelType> line(static_cast<std::size_t>(w));
  const std::vector<Frame> shown = frames_.empty() ? std::vector<Frame>{{0, Glass{}}} : frames_;
  for (std::size_t i = 0; ok && i < shown.size(); ++i) {
    const Picoseconds until = i + 1 < shown.size() ? shown[i + 1].at : end;
    int centis = static_cast<int>((until - shown[i].at) / (10 * kPsPerMs));
    if (centis < 2) centis = 2;
    GraphicsControlBlock gcb{DISPOSAL_UNSPECIFIED, false, centis, NO_TRANSPARENT_COLOR};
    GifByteType ext[4];
    EGifGCBToExtension(&gcb, ext);
    ok = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) == GIF_OK &&
         EGifPutImageDesc(gif, 0, 0, w, h, false, nullptr) == GIF_OK;
    for (int y = 0; ok && y < h; ++y) {
      for (int x = 0; x < w; ++x) line[x] = shown[i].glass.at(x / scale_, y / scale_) ? 1 : 0;
      ok = EGifPutLine(gif, line.data(), w) == GIF_OK;
    }
  }
  GifFreeMapObject(map);
  const int last_error = gif->Error;
  close();
  if (!ok) fail(path, std::string("GIF write failed: ") + GifErrorString(last_error));
}

}  // namespace sim
