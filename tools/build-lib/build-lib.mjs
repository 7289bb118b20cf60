#!/usr/bin/env node
// Builds a workspace lib to JavaScript + declarations that plain Node ESM can load:
//   node tools/build-lib/build-lib.mjs libs/ml        (npx nx run @ciclo/ml:build)
//
// Inside the monorepo the libs are TypeScript source resolved by tsc (moduleResolution
// "bundler"), tsx and vitest, so relative imports carry no extension ('./text/tokenize'). Node
// ESM needs the full file name. tsc does not add one, so the build runs tsc through its API with
// one transformer that rewrites every module specifier which resolves to a TypeScript file of
// this build into the relative path of that file's output ('./text/tokenize.js'), in the .js and
// in the .d.ts alike. npm packages and node: builtins are left as they are.
//
// Private workspace packages the lib imports (@ciclo/platform-contracts, never published) are
// compiled into dist/internal/<name>/ and imported from there, so the built package depends on
// npm packages only; their npm dependencies must be in the lib's package.json `dependencies`.
//
// Layout: <lib>/src/x.ts → <lib>/dist/x.js + x.d.ts. Options come from <lib>/tsconfig.build.json.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const libDir = resolve(process.argv[2] ?? '.');
const configPath = join(libDir, 'tsconfig.build.json');
const sourceRoot = join(libDir, 'src');
const outDir = join(libDir, 'dist');

const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) });
if (config.errors.length > 0) fail(config.errors);

const program = createProgram();
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) fail(diagnostics);

rmSync(outDir, { recursive: true, force: true });
let written = 0;
const result = program.emit(
  undefined,
  (fileName, text, _bom, _onError, sources) => {
    const source = sources?.[0];
    if (source === undefined) throw new Error(`tsc emitted ${fileName} without a source file`);
    const target = outputPath(source.fileName, fileName.endsWith('.d.ts') ? '.d.ts' : '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    written++;
  },
  undefined,
  false,
  { after: [rewriteSpecifiers], afterDeclarations: [rewriteSpecifiers] },
);
if (result.emitSkipped || result.diagnostics.length > 0) fail(result.diagnostics);
console.log(`${relative(process.cwd(), outDir) || outDir}: ${written} files`);

/**
 * The program over the lib's files plus the TypeScript source of the workspace packages they
 * import. tsc treats a file it reached through node_modules as a library and never emits it,
 * even when the symlink leads to TypeScript source in this repository; as root files they are
 * compiled like the lib's own.
 */
function createProgram() {
  const first = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const workspaceSources = first
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && first.isSourceFileFromExternalLibrary(f) && !f.fileName.split('/').includes('node_modules'))
    .map((f) => f.fileName);
  if (workspaceSources.length === 0) return first;
  return ts.createProgram({ rootNames: [...config.fileNames, ...workspaceSources], options: config.options, oldProgram: first });
}

/** Where the output of the TypeScript file `file` goes, with `extension` ('.js' or '.d.ts'). */
function outputPath(file, extension) {
  const stem = file.replace(/\.(c|m)?tsx?$/, '');
  if (isInside(file, sourceRoot)) return join(outDir, relative(sourceRoot, stem) + extension);
  const pkg = owningPackage(file);
  const name = pkg.name.replace(/^@[^/]+\//, '');
  const packageSourceRoot = join(pkg.dir, 'src');
  const within = isInside(file, packageSourceRoot) ? relative(packageSourceRoot, stem) : relative(pkg.dir, stem);
  return join(outDir, 'internal', name, within + extension);
}

/** The nearest package.json above `file`: name and folder of the workspace package it belongs to. */
function owningPackage(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof name !== 'string') throw new Error(`${manifest} has no name`);
      return { name, dir };
    }
  }
  throw new Error(`${file} belongs to no package`);
}

function isInside(file, dir) {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
}

/**
 * The specifier that reaches `specifier`'s output from the output of `containingFile`, or null
 * when it stays as written (npm package, node: builtin, declaration file).
 */
function rewrittenSpecifier(specifier, containingFile) {
  const { resolvedModule } = ts.resolveModuleName(specifier, containingFile, config.options, ts.sys);
  if (resolvedModule === undefined) {
    if (specifier.startsWith('.')) throw new Error(`${containingFile}: cannot resolve "${specifier}"`);
    return null;
  }
  const target = program.getSourceFile(resolvedModule.resolvedFileName);
  if (target === undefined || target.isDeclarationFile || program.isSourceFileFromExternalLibrary(target)) return null;
  const from = dirname(outputPath(containingFile, '.js'));
  const path = relative(from, outputPath(target.fileName, '.js')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Transformer for both outputs: import/export declarations, import('…') calls and import('…') types. */
function rewriteSpecifiers(context) {
  const { factory } = context;
  return (root) => {
    if (!ts.isSourceFile(root)) return root;
    const containingFile = root.fileName;
    const literal = (node) => {
      if (node === undefined || !ts.isStringLiteral(node)) return null;
      const next = rewrittenSpecifier(node.text, containingFile);
      return next === null || next === node.text ? null : factory.createStringLiteral(next);
    };
    const visit = (node) => {
      if (ts.isImportDeclaration(node)) {
        const spec = literal(node.moduleSpecifier);
        if (spec !== null) return factory.updateImportDeclaration(node, node.modifiers, node.importClause, spec, node.attributes);
      } else if (ts.isExportDeclaration(node)) {
        const spec = literal(node.moduleSpecifier);
        if (spec !== null) return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, spec, node.attributes);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const spec = literal(node.arguments[0]);
        if (spec !== null) return factory.updateCallExpression(node, node.expression, node.typeArguments, [spec, ...node.arguments.slice(1)]);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        const spec = literal(node.argument.literal);
        if (spec !== null) {
          const argument = factory.updateLiteralTypeNode(node.argument, spec);
          return factory.updateImportTypeNode(node, argument, node.attributes, node.qualifier, node.typeArguments, node.isTypeOf);
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitEachChild(root, visit, context);
  };
}

function fail(problems) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  console.error(ts.formatDiagnosticsWithColorAndContext(problems, host));
  process.exit(1);
}
