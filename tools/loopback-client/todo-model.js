// The demo Todo model as both ends of the compatibility suite declare it (PROTOCOL.md 9.2.1): a string
// UUID id, a required title, completed defaulting to false and an optional numeric created time.
//
// Settings follow LoopBack's replication docs: strict models and persistUndefinedAsNull, so that every
// declared property is stored and hashed (unset means null) and a SQL row and a memory record of the same
// data get the same rev (PROTOCOL.md 1.2 and 9.2).
'use strict';

const TODO_PROPERTIES = Object.freeze({
  id: {type: 'string', id: true, defaultFn: 'uuid'},
  title: {type: 'string', required: true},
  completed: {type: 'boolean', default: false},
  created: {type: 'number'},
});

const TODO_SETTINGS = Object.freeze({
  strict: true,
  persistUndefinedAsNull: true,
});

/**
 * Settings that switch off the cleanup LoopBack schedules for a model that tracks changes: every 30 s,
 * rectifyAllChanges() loads and re-hashes every instance, and on the memory connector each lookup reads the
 * whole collection, so a cleanup takes time quadratic in the number of instances (seconds at 1,000 todos). The
 * benchmark switches it off at both LoopBack ends so that it neither competes for the processor nor lands inside
 * a timed request.
 */
const CHANGE_CLEANUP_OFF = Object.freeze({changeCleanupInterval: -1});

/** Properties plus settings, copied so a caller may extend them. */
function todoDefinition(extraSettings) {
  return {
    properties: JSON.parse(JSON.stringify(TODO_PROPERTIES)),
    settings: Object.assign({}, TODO_SETTINGS, extraSettings),
  };
}

module.exports = {TODO_PROPERTIES, TODO_SETTINGS, CHANGE_CLEANUP_OFF, todoDefinition};
