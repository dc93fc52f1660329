/* eslint-disable @typescript-eslint/no-require-imports */
// Builds the task pane (React + Fluent UI) into dist/ and serves it on localhost:3000.
// office.js: a build to publish (`--env publish`, `npm run build`) loads it from Microsoft's
// CDN, as Microsoft requires of published add-ins (a frozen copy goes stale); the preview,
// the dev server and the tests serve the @microsoft/office-js package's copy from the
// pane's own origin (no network there).
const path = require("path");
const fs = require("fs");
const os = require("os");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const officeJs = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");
/** Where Microsoft serves office.js for add-ins ("Referencing the Office JavaScript API library"). */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** HTTPS with the Office dev certificates when they are installed (needed by Excel), else HTTP. */
function serverOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = ["localhost.key", "localhost.crt", "ca.crt"].map((f) => path.join(dir, f));
  if (process.env.HTTPS === "0" || !files.every((f) => fs.existsSync(f))) return { type: "http" };
  return {
    type: "https",
    options: {
      key: fs.readFileSync(files[0]),
      cert: fs.readFileSync(files[1]),
      ca: fs.readFileSync(files[2]),
    },
  };
}

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  const publish = !dev && Boolean(env && env.publish);
  const officeJsUrl = publish ? OFFICE_JS_CDN : "office/office.js";
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "eval-source-map" : "source-map",
    entry: { taskpane: "./src/taskpane/index.tsx" },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The backup's encryption (officecrypto-tool, src/domain/backup-crypto.ts) is written for
      // Node: in the pane it gets the browser packages that stand in for Node's modules. Only
      // the backup worker's chunk (src/taskpane/backup-worker.ts) uses them.
      fallback: {
        buffer: require.resolve("buffer/"),
        crypto: path.resolve(__dirname, "src/taskpane/browser-crypto.cjs"),
        events: require.resolve("events/"),
        stream: require.resolve("stream-browserify"),
        timers: require.resolve("timers-browserify"),
        fs: false,
      },
      // crypto-js serves only the library's decryption of old binary files (.xls/.doc/.ppt
      // RC4), which the pane never does: left out of the chunk.
      alias: { "crypto-js": false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      // Node's globals, where the library uses them without importing them.
      new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"], process: "process/browser" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: { officeJs: officeJsUrl },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "manifest.xml", to: "manifest.xml" },
          {
            from: "src/taskpane/commands.html",
            to: "commands.html",
            transform: (content) => content.toString().replace("office/office.js", officeJsUrl),
          },
          // Already minified by Microsoft: keep Terser off these 700 files.
          ...(dev || publish ? [] : [{ from: officeJs, to: "office", info: { minimized: true } }]),
        ],
      }),
    ],
    devServer: {
      port: Number(process.env.PORT || 3000),
      host: "127.0.0.1",
      server: serverOptions(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: [{ directory: officeJs, publicPath: "/office" }],
      hot: false,
      liveReload: false,
      client: false,
      open: false,
    },
  };
};
