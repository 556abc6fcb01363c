#!/usr/bin/env node
// Lints CloudFormation templates offline, against the CloudFormation resource schemas that @aws-cdk/aws-service-spec
// ships (db.json.gz); see README.md beside this file. Usage:
//
//   node lint.js template.yaml ...
//
// Prints one line per finding, `file:line: Logical.Path: message`, and exits 1 when there is any, 0 when there is
// none, 2 when it cannot run (no file given, a file that cannot be read).
//
// What it checks, for every template given:
//   - the YAML parses (long-form intrinsics only: a short tag such as !Ref is a finding);
//   - only known top-level sections, resource attributes (Type, Properties, DependsOn, Condition, ...) and intrinsics;
//   - every resource Type exists in the spec; every property name exists for that type, recursively through nested
//     property types; required properties are present; values have the right type (string, number, integer,
//     boolean, list, map, object, allowed values) where it can be told: a value that is an intrinsic function
//     ({Ref: ..}, {Fn::...: ..}) may stand for any type (both branches of an Fn::If are checked);
//   - every Ref names a parameter, a resource or a pseudo parameter; every Fn::GetAtt a resource and an attribute
//     that type has (AWS::CloudFormation::Stack: Outputs.X; custom resources: any); every ${X} in an Fn::Sub string
//     resolves (parameter, resource, pseudo parameter, Resource.Attribute or a key of the Fn::Sub variable map;
//     ${!X} is a literal); every Condition used is declared; every DependsOn names a resource; every Fn::FindInMap a
//     mapping; every parameter is used;
//   - nested stacks whose template is among those given (matched by the end of its TemplateURL, e.g.
//     stacks/network.yaml; a StackSet's root.yaml likewise): every parameter passed is declared by that template,
//     every parameter it declares without a Default is passed, and every Fn::GetAtt Stack.Outputs.X names an output
//     it declares; a StackSet's ParameterOverrides likewise (a parameter every instance group overrides is passed);
//   - where and how the templates are deployed (deployment.js): CloudFront's ACM certificate is in us-east-1 (a
//     literal ARN, or parameters whose AllowedPattern admits only us-east-1, through every template that passes them);
//     CLOUDFRONT-scope WAF resources only in us-east-1 (a Condition on AWS::Region, of theirs or of every stack
//     creating their template); a distribution's WebACLId a CLOUDFRONT web ACL, a WebACLAssociation's a REGIONAL one;
//     a StackSet is SELF_MANAGED with an AdministrationRoleARN and an ExecutionRoleName, and with
//     CAPABILITY_AUTO_EXPAND when a template it deploys uses a transform (service-managed StackSets run no macros).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
const { DeploymentChecks } = require('./deployment');

const PSEUDO = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId',
  'AWS::StackName', 'AWS::URLSuffix',
]);
const SECTIONS = new Set([
  'AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Mappings', 'Conditions', 'Transform',
  'Resources', 'Outputs', 'Rules',
]);
const RESOURCE_KEYS = new Set([
  'Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy',
  'CreationPolicy', 'UpdatePolicy',
]);
const OUTPUT_KEYS = new Set(['Description', 'Value', 'Export', 'Condition']);
const PARAMETER_KEYS = new Set([
  'Type', 'Default', 'Description', 'AllowedValues', 'AllowedPattern', 'ConstraintDescription', 'MaxLength',
  'MinLength', 'MaxValue', 'MinValue', 'NoEcho',
]);
const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::(Name|Value<.+>))$/;
const INTRINSICS = new Set([
  'Ref', 'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Join',
  'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::Transform', 'Fn::If', 'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not',
  'Fn::Length', 'Fn::ToJsonString', 'Fn::ForEach',
]);
const CONDITION_FUNCTIONS = new Set(['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition']);
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
/** The name of the intrinsic function when v is one ({Ref: ..} or {Fn::X: ..}), else null. */
function intrinsicName(v) {
  if (!isObject(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 1) return null;
  return keys[0] === 'Ref' || keys[0].startsWith('Fn::') ? keys[0] : null;
}
function describe(v) {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'a map';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  return `${typeof v} ${v}`;
}

// ---------------------------------------------------------------------------------------------------------------
// YAML with line numbers: js-yaml's listener reports every node it opens and closes; a mapping's children come in
// key, value order, so the line of each key (and of each list item) can be recorded against the parsed object.

function parseWithLines(text) {
  const keyLines = new WeakMap(); // object -> {key: line}, array -> [line]
  const frames = [{ children: [] }];
  const listener = (event, state) => {
    if (event === 'open') {
      frames.push({ line: state.line + 1, children: [] });
      return;
    }
    const frame = frames.pop();
    const result = state.result;
    frame.result = result;
    const wrapper = frame.children.length === 1 && frame.children[0].result === result;
    if (!wrapper && result !== null && typeof result === 'object' && !keyLines.has(result)) {
      if (Array.isArray(result)) {
        keyLines.set(result, frame.children.map((c) => c.line));
      } else {
        const lines = {};
        for (let i = 0; i + 1 < frame.children.length; i += 2) lines[String(frame.children[i].result)] = frame.children[i].line;
        keyLines.set(result, lines);
      }
    }
    frames[frames.length - 1].children.push(frame);
  };
  // The core schema: no timestamps (AWSTemplateFormatVersion: 2010-09-09 stays a string) and no custom tags.
  const doc = yaml.load(text, { schema: yaml.CORE_SCHEMA, listener });
  return { doc, keyLines };
}

// ---------------------------------------------------------------------------------------------------------------

class Linter {
  constructor(db) {
    this.db = db;
    this.findings = [];
    this.resourceTypes = new Map();
    this.typeDefinitions = new Map();
  }

  resourceType(name) {
    if (!this.resourceTypes.has(name)) {
      const found = this.db.lookup('resource', 'cloudFormationType', 'equals', name);
      this.resourceTypes.set(name, found.length ? found[0] : null);
    }
    return this.resourceTypes.get(name);
  }

  typeDefinition(reference) {
    const id = reference.$ref;
    if (!this.typeDefinitions.has(id)) this.typeDefinitions.set(id, this.db.get('typeDefinition', id));
    return this.typeDefinitions.get(id);
  }

  /** Lints the templates: [{file, text}]. */
  lint(templates) {
    const parsed = [];
    for (const t of templates) {
      let result;
      try {
        result = parseWithLines(t.text);
      } catch (e) {
        const line = e.mark ? e.mark.line + 1 : 1;
        let message = e.reason || e.message;
        if (/unknown tag/.test(message)) message += ' (use the long form of intrinsic functions, e.g. {Ref: X} instead of !Ref X)';
        this.findings.push({ file: t.file, line, path: '', message: `YAML: ${message}` });
        continue;
      }
      if (!isObject(result.doc)) {
        this.findings.push({ file: t.file, line: 1, path: '', message: 'not a CloudFormation template (not a YAML map)' });
        continue;
      }
      parsed.push({ file: t.file, doc: result.doc, keyLines: result.keyLines });
    }
    const linters = parsed.map((t) => new TemplateLinter(this, t, parsed));
    for (const l of linters) l.run();
    new DeploymentChecks(linters).run();
    return this.findings;
  }
}

class TemplateLinter {
  constructor(linter, template, all) {
    this.linter = linter;
    this.file = template.file;
    this.doc = template.doc;
    this.keyLines = template.keyLines;
    this.all = all;
    this.parameters = isObject(this.doc.Parameters) ? this.doc.Parameters : {};
    this.resources = isObject(this.doc.Resources) ? this.doc.Resources : {};
    this.conditions = isObject(this.doc.Conditions) ? this.doc.Conditions : {};
    this.mappings = isObject(this.doc.Mappings) ? this.doc.Mappings : {};
    this.usedParameters = new Set();
    const transform = [].concat(this.doc.Transform || []);
    this.sam = transform.includes(SAM_TRANSFORM);
  }

  /** Records a finding at the logical path (array of keys and indexes), with the line of its deepest known key. */
  report(pathArray, message) {
    let line = 1;
    let node = this.doc;
    for (const key of pathArray) {
      if (node === null || typeof node !== 'object') break;
      const lines = this.keyLines.get(node);
      if (lines && lines[key] !== undefined) line = lines[key];
      node = node[key];
    }
    this.linter.findings.push({ file: this.file, line, path: pathArray.join('.'), message });
  }

  run() {
    for (const key of Object.keys(this.doc)) {
      if (!SECTIONS.has(key)) this.report([key], 'unknown top-level section');
    }
    if (!isObject(this.doc.Resources) || Object.keys(this.doc.Resources).length === 0) {
      this.report(['Resources'], 'a template needs at least one resource');
    }
    this.checkParameters();
    this.checkConditions();
    this.checkResources();
    this.checkCycles();
    this.checkOutputs();
    for (const name of Object.keys(this.parameters)) {
      if (!this.usedParameters.has(name)) this.report(['Parameters', name], 'parameter is never used (no Ref or ${} names it)');
    }
  }

  checkParameters() {
    for (const [name, p] of Object.entries(this.parameters)) {
      const at = ['Parameters', name];
      if (!isObject(p)) { this.report(at, 'a parameter must be a map'); continue; }
      for (const key of Object.keys(p)) if (!PARAMETER_KEYS.has(key)) this.report([...at, key], 'unknown parameter attribute');
      if (typeof p.Type !== 'string' || !PARAMETER_TYPES.test(p.Type)) this.report([...at, 'Type'], `unknown parameter type ${describe(p.Type)}`);
      if (p.AllowedValues !== undefined && p.Default !== undefined && Array.isArray(p.AllowedValues)
        && !p.AllowedValues.map(String).includes(String(p.Default))) {
        this.report([...at, 'Default'], `default ${describe(p.Default)} is not one of its AllowedValues`);
      }
    }
  }

  checkConditions() {
    for (const [name, c] of Object.entries(this.conditions)) this.walkCondition(c, ['Conditions', name]);
  }

  walkCondition(c, at) {
    if (isObject(c) && Object.keys(c).length === 1) {
      const fn = Object.keys(c)[0];
      if (fn === 'Condition') {
        this.checkConditionName(c.Condition, [...at, 'Condition']);
        return;
      }
      if (fn === 'Fn::Equals') {
        this.walkValue(c[fn], [...at, fn]);
        if (!Array.isArray(c[fn]) || c[fn].length !== 2) this.report([...at, fn], 'Fn::Equals takes a list of two values');
        return;
      }
      if (fn === 'Fn::And' || fn === 'Fn::Or' || fn === 'Fn::Not') {
        const args = c[fn];
        if (!Array.isArray(args)) { this.report([...at, fn], `${fn} takes a list of conditions`); return; }
        args.forEach((a, i) => this.walkCondition(a, [...at, fn, i]));
        return;
      }
    }
    this.report(at, `not a condition function (${[...CONDITION_FUNCTIONS].join(', ')})`);
  }

  checkConditionName(name, at) {
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(this.conditions, name)) {
      this.report(at, `condition ${describe(name)} is not declared in Conditions`);
    }
  }

  checkResources() {
    for (const [name, r] of Object.entries(this.resources)) {
      const at = ['Resources', name];
      if (!isObject(r)) { this.report(at, 'a resource must be a map'); continue; }
      for (const key of Object.keys(r)) if (!RESOURCE_KEYS.has(key)) this.report([...at, key], 'unknown resource attribute');
      if (r.Condition !== undefined) this.checkConditionName(r.Condition, [...at, 'Condition']);
      if (r.DependsOn !== undefined) {
        const deps = Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn];
        deps.forEach((d, i) => {
          if (typeof d !== 'string' || !Object.prototype.hasOwnProperty.call(this.resources, d)) {
            this.report(Array.isArray(r.DependsOn) ? [...at, 'DependsOn', i] : [...at, 'DependsOn'], `DependsOn ${describe(d)} is not a resource of this template`);
          }
        });
      }
      if (r.Properties !== undefined) this.walkValue(r.Properties, [...at, 'Properties']);
      for (const policy of ['CreationPolicy', 'UpdatePolicy']) if (r[policy] !== undefined) this.walkValue(r[policy], [...at, policy]);
      if (typeof r.Type !== 'string') { this.report([...at, 'Type'], 'missing resource Type'); continue; }
      if (r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource') {
        if (!isObject(r.Properties) || r.Properties.ServiceToken === undefined) this.report(at, 'a custom resource needs Properties.ServiceToken');
        continue;
      }
      const spec = this.linter.resourceType(r.Type);
      if (!spec) {
        this.report([...at, 'Type'], `unknown resource type ${r.Type}`);
        continue;
      }
      if (this.sam && r.Type.startsWith('AWS::Serverless::')) continue;
      const props = r.Properties === undefined ? {} : r.Properties;
      if (intrinsicName(props)) continue;
      if (!isObject(props)) { this.report([...at, 'Properties'], `Properties must be a map, found ${describe(props)}`); continue; }
      for (const f of this.checkObject(props, spec.properties, [...at, 'Properties'], r.Type)) this.report(f.at, f.message);
      if (r.Type === 'AWS::CloudFormation::Stack' || r.Type === 'AWS::CloudFormation::StackSet') this.checkNestedStack(name, r);
    }
  }

  /**
   * The resources each resource waits for: its DependsOn, and every Ref, Fn::GetAtt and ${Name} / ${Name.Attr} of
   * Fn::Sub in it that names a resource of this template.
   */
  dependencies(r) {
    const deps = new Set();
    for (const d of [].concat(r.DependsOn === undefined ? [] : r.DependsOn)) if (typeof d === 'string') deps.add(d);
    const isResource = (n) => Object.prototype.hasOwnProperty.call(this.resources, n);
    const visit = (v) => {
      if (Array.isArray(v)) { v.forEach(visit); return; }
      if (!isObject(v)) return;
      for (const [k, arg] of Object.entries(v)) {
        if (k === 'Ref' && typeof arg === 'string' && isResource(arg)) deps.add(arg);
        else if (k === 'Fn::GetAtt') {
          const name = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : null;
          if (typeof name === 'string' && isResource(name)) deps.add(name);
        } else if (k === 'Fn::Sub') {
          const text = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg[0] : null;
          const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
          const re = /\$\{([^}!][^}]*)\}/g;
          let m;
          while (typeof text === 'string' && (m = re.exec(text)) !== null) {
            const name = m[1].trim().split('.')[0];
            if (!Object.prototype.hasOwnProperty.call(vars, m[1].trim()) && isResource(name)) deps.add(name);
          }
        }
        visit(arg);
      }
    };
    for (const part of ['Properties', 'CreationPolicy', 'UpdatePolicy', 'Metadata']) visit(r[part]);
    return deps;
  }

  /** A circular dependency: CloudFormation refuses the template ("Circular dependency between resources"). */
  checkCycles() {
    const graph = new Map();
    for (const [name, r] of Object.entries(this.resources)) if (isObject(r)) graph.set(name, this.dependencies(r));
    const state = new Map(); // name -> 1 (on the path) | 2 (done)
    const reported = new Set();
    const walk = (name, trail) => {
      state.set(name, 1);
      for (const next of graph.get(name) || []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 1) {
          const cycle = [...trail.slice(trail.indexOf(next)), next];
          const key = [...new Set(cycle)].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            this.report(['Resources', next], `circular dependency: ${cycle.join(' -> ')} (DependsOn, Ref, Fn::GetAtt, Fn::Sub)`);
          }
        } else if (!state.has(next)) {
          walk(next, [...trail, next]);
        }
      }
      state.set(name, 2);
    };
    for (const name of graph.keys()) if (!state.has(name)) walk(name, [name]);
  }

  checkOutputs() {
    if (this.doc.Outputs === undefined) return;
    if (!isObject(this.doc.Outputs)) { this.report(['Outputs'], 'Outputs must be a map'); return; }
    for (const [name, o] of Object.entries(this.doc.Outputs)) {
      const at = ['Outputs', name];
      if (!isObject(o)) { this.report(at, 'an output must be a map'); continue; }
      for (const key of Object.keys(o)) if (!OUTPUT_KEYS.has(key)) this.report([...at, key], 'unknown output attribute');
      if (o.Value === undefined) this.report(at, 'an output needs a Value');
      if (o.Condition !== undefined) this.checkConditionName(o.Condition, [...at, 'Condition']);
      this.walkValue(o.Value, [...at, 'Value']);
      if (o.Export !== undefined) this.walkValue(o.Export, [...at, 'Export']);
    }
  }

  // ---- intrinsic functions: every reference resolves -------------------------------------------------------------

  /** Walks any value (properties, outputs, condition arguments) and checks every intrinsic function in it. */
  walkValue(v, at) {
    if (Array.isArray(v)) { v.forEach((e, i) => this.walkValue(e, [...at, i])); return; }
    if (!isObject(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      this.checkIntrinsic(keys[0], v[keys[0]], [...at, keys[0]]);
      return;
    }
    for (const k of keys) {
      if (k.startsWith('Fn::') && keys.length > 1) this.report([...at, k], `${k} must be the only key of its map`);
      this.walkValue(v[k], [...at, k]);
    }
  }

  checkIntrinsic(fn, arg, at) {
    switch (fn) {
      case 'Ref':
        if (typeof arg !== 'string') { this.report(at, 'Ref takes the name of a parameter, resource or pseudo parameter'); return; }
        this.checkName(arg, at, 'Ref');
        return;
      case 'Fn::GetAtt': {
        let resource; let attribute;
        if (typeof arg === 'string') {
          const dot = arg.indexOf('.');
          if (dot < 0) { this.report(at, `Fn::GetAtt "${arg}" needs Resource.Attribute`); return; }
          resource = arg.slice(0, dot); attribute = arg.slice(dot + 1);
        } else if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
          [resource, attribute] = arg;
          if (typeof attribute !== 'string') { this.walkValue(attribute, [...at, 1]); attribute = null; }
        } else {
          this.report(at, 'Fn::GetAtt takes [Resource, Attribute] or "Resource.Attribute"'); return;
        }
        this.checkGetAtt(resource, attribute, at, 'Fn::GetAtt');
        return;
      }
      case 'Fn::Sub': {
        let text; let vars = {};
        if (typeof arg === 'string') text = arg;
        else if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && isObject(arg[1])) {
          [text, vars] = arg;
          for (const [k, v] of Object.entries(vars)) this.walkValue(v, [...at, 1, k]);
        } else { this.report(at, 'Fn::Sub takes a string or [string, {variable: value}]'); return; }
        const re = /\$\{([^}]*)\}/g;
        let m;
        while ((m = re.exec(text)) !== null) {
          const name = m[1].trim();
          if (name.startsWith('!')) continue; // ${!Literal}
          if (Object.prototype.hasOwnProperty.call(vars, name)) continue;
          if (name === '') { this.report(at, 'Fn::Sub: empty ${}'); continue; }
          const dot = name.indexOf('.');
          if (dot > 0 && !PSEUDO.has(name)) this.checkGetAtt(name.slice(0, dot), name.slice(dot + 1), at, `Fn::Sub \${${name}}`);
          else this.checkName(name, at, `Fn::Sub \${${name}}`);
        }
        return;
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3) { this.report(at, 'Fn::If takes [Condition, ValueIfTrue, ValueIfFalse]'); return; }
        this.checkConditionName(arg[0], [...at, 0]);
        this.walkValue(arg[1], [...at, 1]);
        this.walkValue(arg[2], [...at, 2]);
        return;
      }
      case 'Fn::FindInMap': {
        if (!Array.isArray(arg) || arg.length < 3) { this.report(at, 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]'); return; }
        if (typeof arg[0] === 'string' && !Object.prototype.hasOwnProperty.call(this.mappings, arg[0])) this.report([...at, 0], `mapping "${arg[0]}" is not declared in Mappings`);
        this.walkValue(arg, at);
        return;
      }
      case 'Fn::Join':
        if (!Array.isArray(arg) || arg.length !== 2 || (typeof arg[0] !== 'string')) { this.report(at, 'Fn::Join takes [delimiter, [values]]'); return; }
        this.walkValue(arg[1], [...at, 1]);
        return;
      case 'Fn::Select':
        if (!Array.isArray(arg) || arg.length !== 2) { this.report(at, 'Fn::Select takes [index, list]'); return; }
        this.walkValue(arg, at);
        return;
      case 'Fn::Split':
        if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') { this.report(at, 'Fn::Split takes [delimiter, string]'); return; }
        this.walkValue(arg[1], [...at, 1]);
        return;
      case 'Fn::Equals':
        this.walkValue(arg, at);
        return;
      default:
        if (!INTRINSICS.has(fn)) { this.report(at, `unknown intrinsic function ${fn}`); return; }
        this.walkValue(arg, at);
    }
  }

  checkName(name, at, what) {
    if (PSEUDO.has(name)) return;
    if (Object.prototype.hasOwnProperty.call(this.parameters, name)) { this.usedParameters.add(name); return; }
    if (Object.prototype.hasOwnProperty.call(this.resources, name)) return;
    if (name.startsWith('AWS::')) this.report(at, `${what}: unknown pseudo parameter ${name}`);
    else this.report(at, `${what}: "${name}" is not a parameter or resource of this template`);
  }

  checkGetAtt(resource, attribute, at, what) {
    const r = this.resources[resource];
    if (!Object.prototype.hasOwnProperty.call(this.resources, resource) || !isObject(r)) {
      this.report(at, `${what}: "${resource}" is not a resource of this template`);
      return;
    }
    if (attribute === null || typeof r.Type !== 'string') return;
    if (r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource') return;
    if (this.sam && r.Type.startsWith('AWS::Serverless::')) return;
    const spec = this.linter.resourceType(r.Type);
    if (!spec) return; // reported as an unknown type
    if (r.Type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      const child = this.nestedTemplate(r);
      const output = attribute.slice('Outputs.'.length);
      if (child && !(isObject(child.doc.Outputs) && Object.prototype.hasOwnProperty.call(child.doc.Outputs, output))) {
        this.report(at, `${what}: ${resource}.${attribute}: ${child.file} has no output ${output}`);
      }
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(spec.attributes, attribute)) {
      const known = Object.keys(spec.attributes);
      const hint = suggest(attribute, known);
      const list = known.length === 0 ? 'none' : known.length > 8 ? `${known.slice(0, 8).join(', ')}, ...` : known.join(', ');
      this.report(at, `${what}: ${r.Type} has no attribute ${attribute} (${hint ? `did you mean ${hint}? ` : ''}it has: ${list})`);
    }
  }

  // ---- nested stacks ---------------------------------------------------------------------------------------------

  /** The template (among those linted) that a Stack's or StackSet's TemplateURL points to, else null. */
  nestedTemplate(r) {
    const url = isObject(r.Properties) ? r.Properties.TemplateURL : undefined;
    const text = typeof url === 'string' ? url
      : isObject(url) && typeof url['Fn::Sub'] === 'string' ? url['Fn::Sub']
        : isObject(url) && Array.isArray(url['Fn::Sub']) ? url['Fn::Sub'][0]
          : isObject(url) && Array.isArray(url['Fn::Join']) && Array.isArray(url['Fn::Join'][1])
            ? url['Fn::Join'][1].filter((x) => typeof x === 'string').join(url['Fn::Join'][0]) : null;
    if (typeof text !== 'string') return null;
    const m = /([A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]+\.ya?ml$/.exec(text);
    if (!m) return null;
    const tail = m[0];
    const candidates = this.all.filter((t) => t.file !== this.file && (t.file === tail || t.file.endsWith('/' + tail)));
    if (candidates.length === 1) return candidates[0];
    const base = path.basename(tail);
    const byName = this.all.filter((t) => t.file !== this.file && path.basename(t.file) === base);
    return byName.length === 1 ? byName[0] : null;
  }

  checkNestedStack(name, r) {
    const child = this.nestedTemplate(r);
    if (!child) return;
    const at = ['Resources', name, 'Properties', 'Parameters'];
    const declared = isObject(child.doc.Parameters) ? child.doc.Parameters : {};
    const params = r.Properties.Parameters;
    const passed = new Map(); // name -> path
    if (r.Type === 'AWS::CloudFormation::Stack' && isObject(params)) {
      for (const k of Object.keys(params)) passed.set(k, [...at, k]);
    } else if (r.Type === 'AWS::CloudFormation::StackSet' && Array.isArray(params)) {
      params.forEach((p, i) => { if (isObject(p) && typeof p.ParameterKey === 'string') passed.set(p.ParameterKey, [...at, i, 'ParameterKey']); });
    } else if (params !== undefined) {
      return; // built by an intrinsic function: cannot tell
    }
    // A StackSet's instance groups may override parameters; one that every group passes needs no value of its own.
    const groups = r.Type === 'AWS::CloudFormation::StackSet' && Array.isArray(r.Properties.StackInstancesGroup) ? r.Properties.StackInstancesGroup : [];
    const overridden = groups.map((g, i) => {
      const keys = new Set();
      const overrides = isObject(g) ? g.ParameterOverrides : undefined;
      if (Array.isArray(overrides)) {
        overrides.forEach((p, j) => {
          if (!isObject(p) || typeof p.ParameterKey !== 'string') return;
          keys.add(p.ParameterKey);
          if (!Object.prototype.hasOwnProperty.call(declared, p.ParameterKey)) {
            this.report(['Resources', name, 'Properties', 'StackInstancesGroup', i, 'ParameterOverrides', j, 'ParameterKey'], `${child.file} declares no parameter ${p.ParameterKey}`);
          }
        });
      }
      return keys;
    });
    const everyGroupPasses = (k) => overridden.length > 0 && overridden.every((keys) => keys.has(k));
    for (const [k, where] of passed) {
      if (!Object.prototype.hasOwnProperty.call(declared, k)) this.report(where, `${child.file} declares no parameter ${k}`);
    }
    for (const [k, p] of Object.entries(declared)) {
      if (!passed.has(k) && !everyGroupPasses(k) && !(isObject(p) && p.Default !== undefined)) {
        this.report(params === undefined ? ['Resources', name, 'Properties'] : at, `${child.file} needs parameter ${k} (it has no Default) but it is not passed`);
      }
    }
  }

  // ---- property names and types against the spec ----------------------------------------------------------------

  /** Findings ({at, message}) for an object checked against a property map of the spec. */
  checkObject(value, properties, at, owner) {
    const findings = [];
    for (const [k, v] of Object.entries(value)) {
      const prop = properties[k];
      if (!prop) {
        const hint = suggest(k, Object.keys(properties));
        findings.push({ at: [...at, k], message: `unknown property of ${owner}${hint ? ` (did you mean ${hint}?)` : ''}` });
        continue;
      }
      findings.push(...this.checkType(v, [prop.type, ...(prop.previousTypes || [])], [...at, k]));
    }
    for (const [k, prop] of Object.entries(properties)) {
      if (prop.required && value[k] === undefined) findings.push({ at, message: `missing required property ${k} of ${owner}` });
    }
    return findings;
  }

  /** Findings for a value that must match one of the types (the current type and the types it had before). */
  checkType(value, types, at) {
    const name = intrinsicName(value);
    if (name) {
      if (name === 'Fn::If' && Array.isArray(value[name]) && value[name].length === 3) {
        const findings = [];
        for (const i of [1, 2]) {
          const branch = value[name][i];
          if (isObject(branch) && branch.Ref === 'AWS::NoValue') continue;
          findings.push(...this.checkType(branch, types, [...at, name, i]));
        }
        return findings;
      }
      return []; // any intrinsic may stand for any type
    }
    let best = null;
    for (const type of flatten(types)) {
      const findings = this.checkOneType(value, type, at);
      if (findings.length === 0) return [];
      if (best === null || (best.mismatch && !findings.mismatch)) best = findings;
    }
    return best || [];
  }

  checkOneType(value, type, at) {
    const mismatch = (expected) => Object.assign([{ at, message: `expected ${expected}, found ${describe(value)}` }], { mismatch: true });
    switch (type.type) {
      case 'json':
      case 'null':
        return [];
      case 'string':
      case 'date-time':
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          if (type.allowedValues && type.allowedValues.length && !type.allowedValues.includes(String(value))) {
            return [{ at, message: `${describe(value)} is not one of the allowed values: ${type.allowedValues.join(', ')}` }];
          }
          return [];
        }
        return mismatch('a string');
      case 'integer':
      case 'number': {
        const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (Number.isNaN(n)) return mismatch(type.type === 'integer' ? 'an integer' : 'a number');
        if (type.type === 'integer' && !Number.isInteger(n)) return mismatch('an integer');
        if (type.allowedValues && type.allowedValues.length && !type.allowedValues.includes(n)) {
          return [{ at, message: `${describe(value)} is not one of the allowed values: ${type.allowedValues.join(', ')}` }];
        }
        return [];
      }
      case 'boolean':
        if (typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value))) return [];
        return mismatch('a boolean');
      case 'tag':
        if (!isObject(value)) return mismatch('a tag {Key, Value}');
        return this.checkObject(value, TAG_PROPERTIES, at, 'Tag');
      case 'array': {
        if (!Array.isArray(value)) return mismatch('a list');
        const findings = [];
        value.forEach((e, i) => findings.push(...this.checkType(e, [type.element], [...at, i])));
        return findings;
      }
      case 'map': {
        if (!isObject(value)) return mismatch('a map');
        const findings = [];
        for (const [k, v] of Object.entries(value)) findings.push(...this.checkType(v, [type.element], [...at, k]));
        return findings;
      }
      case 'ref': {
        if (!isObject(value)) return mismatch('a map (property type)');
        const def = this.linter.typeDefinition(type.reference);
        if (!def) return [];
        return this.checkObject(value, def.properties, at, def.name);
      }
      default:
        return [];
    }
  }
}

const TAG_PROPERTIES = { Key: { type: { type: 'string' }, required: true }, Value: { type: { type: 'string' }, required: true } };

function flatten(types) {
  const out = [];
  for (const t of types) {
    if (t && t.type === 'union') out.push(...flatten(t.types));
    else if (t) out.push(t);
  }
  return out;
}

/** The closest known name when it is a likely typo (edit distance at most 3), else null. */
function suggest(name, known) {
  let best = null; let bestDistance = 4;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  return best;
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]; row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

// ---------------------------------------------------------------------------------------------------------------

function main(argv) {
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    process.stderr.write('usage: node lint.js template.yaml ...\n');
    return 2;
  }
  const templates = [];
  for (const file of files) {
    try {
      templates.push({ file, text: fs.readFileSync(file, 'utf8') });
    } catch (e) {
      process.stderr.write(`${file}: cannot read: ${e.message}\n`);
      return 2;
    }
  }
  const findings = new Linter(loadAwsServiceSpecSync()).lint(templates);
  findings.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  process.stdout.on('error', () => {}); // a closed pipe (lint.js ... | head) is not a failure of the lint
  process.stdout.write(findings.map((f) => `${f.file}:${f.line}: ${f.path ? f.path + ': ' : ''}${f.message}\n`).join(''));
  return findings.length ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { Linter, parseWithLines };
