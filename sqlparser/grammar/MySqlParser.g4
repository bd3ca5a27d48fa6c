// Parser for Tessera's MySQL/MariaDB dialect. Only sqlparser/transform/ sees
// the generated parse tree; it turns it into sqlparser/ast. Expression rules
// follow MySQL operator precedence, lowest first:
//   OR/|| < XOR < AND/&& < NOT < comparison/IS/LIKE/IN/BETWEEN < | < & <
//   <</>> < +/- < * / DIV % MOD < ^ < unary -/~ < ! < BINARY/COLLATE
parser grammar MySqlParser;

options { tokenVocab = MySqlLexer; }

root: statement SEMI? EOF;

statement
  : selectStatement
  | insertStatement
  | updateStatement
  | deleteStatement
  | createTableStatement
  | dropTableStatement
  | alterTableStatement
  | createIndexStatement
  | dropIndexStatement
  | truncateStatement
  | renameTableStatement
  | createDatabaseStatement
  | dropDatabaseStatement
  | useStatement
  | setStatement
  | beginStatement
  | commitStatement
  | rollbackStatement
  | showStatement
  | createViewStatement
  | alterViewStatement
  | dropViewStatement
  | callStatement
  | doStatement
  | explainStatement
  | describeStatement
  | tableMaintenanceStatement
  | flushStatement
  | killStatement
  | lockTablesStatement
  | unlockTablesStatement
  | savepointStatement
  | releaseSavepointStatement
  | prepareStatement
  | executeStatement
  | deallocateStatement
  | alterDatabaseStatement
  | alterMigrationStatement
  | revertMigrationStatement
  | vexplainStatement
  ;

// ---------------------------------------------------------------- queries

selectStatement
  : withClause? queryExpression orderByClause? limitClause? lockClause? intoClause?
  ;

// SELECT ... INTO is recognised so that it can be refused by name.
intoClause
  : INTO USER_VAR (COMMA USER_VAR)*
  | INTO (OUTFILE | DUMPFILE) textString
  ;

withClause: WITH RECURSIVE? commonTableExpr (COMMA commonTableExpr)*;
commonTableExpr: identifier (LPAREN identifierList RPAREN)? AS LPAREN selectStatement RPAREN;

queryExpression: queryTerm (setOperator queryTerm)*;
setOperator: (UNION | EXCEPT | INTERSECT) (ALL | DISTINCT)?;
queryTerm
  : querySpecification
  | LPAREN selectStatement RPAREN
  | VALUES rowValue (COMMA rowValue)*
  ;

querySpecification
  : SELECT selectOption* selectItem (COMMA selectItem)*
    intoClause?
    (FROM (DUAL | tableReferences))?
    whereClause?
    groupByClause?
    havingClause?
    windowClause?
  ;

windowClause: WINDOW windowDefinition (COMMA windowDefinition)*;
windowDefinition: identifier AS LPAREN windowSpec RPAREN;

selectOption
  : DISTINCT | DISTINCTROW | ALL | HIGH_PRIORITY | STRAIGHT_JOIN | SQL_SMALL_RESULT | SQL_BIG_RESULT
  | SQL_BUFFER_RESULT | SQL_CACHE | SQL_NO_CACHE | SQL_CALC_FOUND_ROWS
  ;

selectItem
  : STAR                                             # selectStar
  | identifier DOT (dotIdentifier DOT)? STAR         # selectTableStar
  | expr (AS? alias)?                                # selectExpr
  ;

alias: identifier | textString;

tableReferences: tableReference (COMMA tableReference)*;

tableReference: tableFactor joinPart*;

tableFactor
  : tableName partitionSelection? (AS? identifier)? indexHint*            # tableFactorName
  | LPAREN selectStatement RPAREN AS? identifier (LPAREN identifierList RPAREN)?  # tableFactorDerived
  | LPAREN tableReferences RPAREN                                          # tableFactorParen
  ;

partitionSelection: PARTITION LPAREN identifierList RPAREN;
hintIndex: identifier | PRIMARY;

indexHint
  : hintType=(USE | IGNORE | FORCE) (INDEX | KEY) (FOR (JOIN | ORDER BY | GROUP BY))?
    LPAREN (hintIndex (COMMA hintIndex)*)? RPAREN
  ;

joinPart
  : (INNER | CROSS)? JOIN tableFactor joinSpec?                # innerJoin
  | STRAIGHT_JOIN tableFactor (ON expr)?                       # straightJoin
  | side=(LEFT | RIGHT) OUTER? JOIN tableFactor joinSpec       # outerJoin
  | NATURAL (side=(LEFT | RIGHT) OUTER?)? JOIN tableFactor     # naturalJoin
  ;

joinSpec
  : ON expr
  | USING LPAREN identifierList RPAREN
  ;

whereClause: WHERE expr;
groupByClause: GROUP BY orderItem (COMMA orderItem)* (WITH ROLLUP)?;
havingClause: HAVING expr;
orderByClause: ORDER BY orderItem (COMMA orderItem)*;
orderItem: expr (ASC | DESC)?;

limitClause
  : LIMIT limitValue ((COMMA | OFFSET) limitValue)? (ROWS EXAMINED limitValue)?
  | OFFSET limitValue (ROW | ROWS) fetchClause?
  | fetchClause
  ;
fetchClause: FETCH (FIRST | NEXT) limitValue? (ROW | ROWS) (ONLY | WITH TIES);
limitValue: INT_NUM | QUESTION | BIND_VAR;

lockClause
  : (FOR UPDATE | FOR SHARE | LOCK IN SHARE MODE) lockWait?
  ;
lockWait: WAIT INT_NUM | NOWAIT | SKIP_ LOCKED;

// ---------------------------------------------------------------- DML

insertStatement
  : verb=(INSERT | REPLACE) priority=(LOW_PRIORITY | DELAYED | HIGH_PRIORITY)? IGNORE? INTO? tableName
    partitionSelection? insertSource
    (ON DUPLICATE KEY UPDATE assignment (COMMA assignment)*)?
    returningClause?
  ;
returningClause: RETURNING selectItem (COMMA selectItem)*;

insertSource
  : (LPAREN identifierList? RPAREN)? (VALUES | VALUE) rowValue (COMMA rowValue)*   # insertValues
  | SET assignment (COMMA assignment)*                                             # insertSet
  | (LPAREN identifierList? RPAREN)? selectStatement                               # insertSelect
  | (LPAREN identifierList? RPAREN)? LPAREN selectStatement RPAREN                 # insertParenSelect
  ;

rowValue: LPAREN (expr (COMMA expr)*)? RPAREN;

assignment: columnRef (EQ | ASSIGN) expr;

updateStatement
  : withClause? UPDATE LOW_PRIORITY? IGNORE? tableReferences SET assignment (COMMA assignment)*
    whereClause? orderByClause? limitClause?
  ;

deleteStatement
  : DELETE deleteOption* FROM tableName partitionSelection?
    whereClause? orderByClause? limitClause? returningClause?                # singleDelete
  | DELETE deleteOption* deleteTarget (COMMA deleteTarget)* FROM tableReferences
    whereClause?                                                            # multiDelete
  | DELETE deleteOption* FROM deleteTarget (COMMA deleteTarget)* USING tableReferences
    whereClause?                                                            # multiDeleteUsing
  ;

deleteOption: LOW_PRIORITY | QUICK | IGNORE;
deleteTarget: tableName (DOT STAR)?;

// ---------------------------------------------------------------- DDL

createTableStatement
  : CREATE (OR REPLACE)? TEMPORARY? TABLE ifNotExists? tableName
    createTableBody
  ;

createTableBody
  : LPAREN tableElement (COMMA tableElement)* RPAREN tableOption* partitionOptions?  # createTableColumns
  | (LPAREN tableElement (COMMA tableElement)* RPAREN)? tableOption* AS? selectStatement  # createTableSelect
  | LIKE tableName                                                   # createTableLike
  | LPAREN LIKE tableName RPAREN                                     # createTableParenLike
  ;

// PARTITION BY ... is kept as text.
partitionOptions: PARTITION BY partitionToken+;
partitionToken: ~(SEMI | EOF);

ifNotExists: IF NOT EXISTS;
ifExists: IF EXISTS;

tableElement
  : columnDefinition
  | indexDefinition
  ;

columnDefinition: identifier dataType columnAttribute*;

dataType
  : typeName
    ( LPAREN INT_NUM (COMMA INT_NUM)? RPAREN
    | LPAREN textString (COMMA textString)* RPAREN
    )?
    typeModifier*
  ;

typeName
  : NATIONAL? (identifier | CHARACTER) (VARYING | PRECISION)?
  | LONG identifier?
  | BINARY
  | SET
  ;

typeModifier: UNSIGNED | SIGNED | ZEROFILL | BINARY;

columnAttribute
  : NOT? NULL_                                                     # attrNull
  | DEFAULT simpleExpr                                             # attrDefault
  | ON UPDATE simpleExpr                                           # attrOnUpdate
  | AUTO_INCREMENT                                                 # attrAutoIncrement
  | INVISIBLE                                                      # attrInvisible
  | constraintName? CHECK LPAREN expr RPAREN                       # attrCheck
  | PRIMARY? KEY                                                   # attrPrimaryKey
  | UNIQUE KEY?                                                    # attrUnique
  | COMMENT textString                                             # attrComment
  | charsetKeyword EQ? charsetName                                 # attrCharset
  | COLLATE EQ? charsetName                                        # attrCollate
  | (GENERATED ALWAYS)? AS LPAREN expr RPAREN gen=(VIRTUAL | STORED | PERSISTENT)?  # attrGenerated
  ;

charsetKeyword: CHARACTER SET | CHARSET;
charsetName: identifier | textString | BINARY;

indexDefinition
  : constraintName? PRIMARY KEY indexType? LPAREN indexPart (COMMA indexPart)* RPAREN indexOption*   # primaryKeyDef
  | constraintName? UNIQUE (INDEX | KEY)? ifNotExists? identifier? indexType? LPAREN indexPart (COMMA indexPart)* RPAREN indexOption*  # uniqueKeyDef
  | (INDEX | KEY) ifNotExists? identifier? indexType? LPAREN indexPart (COMMA indexPart)* RPAREN indexOption*  # plainKeyDef
  | kind=(FULLTEXT | SPATIAL) (INDEX | KEY)? identifier? LPAREN indexPart (COMMA indexPart)* RPAREN indexOption*  # specialKeyDef
  | constraintName? FOREIGN KEY identifier? LPAREN identifierList RPAREN
    REFERENCES tableName LPAREN identifierList RPAREN referenceAction*                 # foreignKeyDef
  | constraintName? CHECK LPAREN expr RPAREN                                          # checkDef
  ;

constraintName: CONSTRAINT identifier?;
indexType: USING (BTREE | HASH);
indexOption: indexType | COMMENT textString;
indexPart: identifier (LPAREN INT_NUM RPAREN)? (ASC | DESC)?;
referenceAction: ON (DELETE | UPDATE) referenceOption;
referenceOption: RESTRICT | CASCADE | SET NULL_ | NO ACTION | SET DEFAULT;

tableOption
  : COMMA? DEFAULT? charsetKeyword EQ? charsetName          # optCharset
  | COMMA? DEFAULT? COLLATE EQ? charsetName                 # optCollate
  | COMMA? COMMENT EQ? textString                           # optComment
  | COMMA? optionName EQ? optionValue                       # optGeneric
  ;
optionName: identifier;
optionValue: identifier | textString | INT_NUM | DEFAULT;

dropTableStatement: DROP TEMPORARY? TABLE ifExists? tableName (COMMA tableName)* (RESTRICT | CASCADE)?;

alterTableStatement: ALTER IGNORE? TABLE tableName alterSpec (COMMA alterSpec)*;

alterSpec
  : ADD COLUMN? ifNotExists? columnDefinition columnPosition?                 # alterAddColumn
  | ADD COLUMN? LPAREN columnDefinition (COMMA columnDefinition)* RPAREN     # alterAddColumns
  | ADD indexDefinition                                                      # alterAddIndex
  | DROP COLUMN? ifExists? identifier                                        # alterDropColumn
  | DROP (INDEX | KEY) ifExists? identifier                                  # alterDropIndex
  | DROP PRIMARY KEY                                                         # alterDropPrimary
  | DROP FOREIGN KEY ifExists? identifier                                    # alterDropForeignKey
  | DROP (CONSTRAINT | CHECK) ifExists? identifier                           # alterDropConstraint
  | (DISABLE | ENABLE) KEYS                                                  # alterKeys
  | MODIFY COLUMN? ifExists? columnDefinition columnPosition?                # alterModifyColumn
  | CHANGE COLUMN? ifExists? identifier columnDefinition columnPosition?     # alterChangeColumn
  | RENAME COLUMN identifier TO identifier                                   # alterRenameColumn
  | RENAME (INDEX | KEY) identifier TO identifier                            # alterRenameIndex
  | RENAME (TO | AS)? tableName                                              # alterRenameTable
  | ALTER COLUMN? identifier (SET DEFAULT simpleExpr | DROP DEFAULT)         # alterColumnDefault
  | CONVERT TO charsetKeyword charsetName (COLLATE charsetName)?             # alterConvert
  | ALGORITHM EQ? (identifier | DEFAULT)                                     # alterAlgorithm
  | LOCK EQ? (identifier | DEFAULT)                                          # alterLock
  | FORCE                                                                    # alterForce
  | tableOption+                                                             # alterOptions
  ;

columnPosition: FIRST | AFTER identifier;

createIndexStatement
  : CREATE kind=(UNIQUE | FULLTEXT | SPATIAL)? INDEX ifNotExists? identifier indexType?
    ON tableName LPAREN indexPart (COMMA indexPart)* RPAREN indexOption*
  ;

dropIndexStatement: DROP INDEX ifExists? identifier ON tableName;

truncateStatement: TRUNCATE TABLE? tableName;

renameTableStatement: RENAME TABLE renamePair (COMMA renamePair)*;
renamePair: tableName TO tableName;

createDatabaseStatement
  : CREATE (OR REPLACE)? (DATABASE | SCHEMA) ifNotExists? identifier createDatabaseOption*
  ;
createDatabaseOption
  : DEFAULT? charsetKeyword EQ? charsetName
  | DEFAULT? COLLATE EQ? charsetName
  | COMMENT EQ? textString
  ;

dropDatabaseStatement: DROP (DATABASE | SCHEMA) ifExists? identifier;

alterDatabaseStatement: ALTER (DATABASE | SCHEMA) identifier? createDatabaseOption+;

createViewStatement
  : CREATE (OR REPLACE)? viewAttribute* VIEW ifNotExists? tableName
    (LPAREN identifierList RPAREN)? AS selectStatement viewCheckOption?
  ;
alterViewStatement
  : ALTER viewAttribute* VIEW tableName (LPAREN identifierList RPAREN)? AS selectStatement
    viewCheckOption?
  ;
viewAttribute
  : ALGORITHM EQ algorithm=(UNDEFINED | MERGE | TEMPTABLE)
  | DEFINER EQ userName
  | SQL_ SECURITY security=(DEFINER | INVOKER)
  ;
viewCheckOption: WITH scope=(CASCADED | LOCAL)? CHECK OPTION_;
dropViewStatement: DROP VIEW ifExists? tableName (COMMA tableName)* (RESTRICT | CASCADE)?;

// 'user'@'host', user@host, CURRENT_USER[()]
userName
  : (identifier | textString) USER_VAR?
  | CURRENT_USER (LPAREN RPAREN)?
  ;

// ---------------------------------------------------------------- administration

callStatement: CALL tableName (LPAREN (expr (COMMA expr)*)? RPAREN)?;
doStatement: DO expr (COMMA expr)*;

explainStatement
  : (EXPLAIN | DESCRIBE | DESC) explainOption?
    (selectStatement | insertStatement | updateStatement | deleteStatement)
  ;
explainOption: EXTENDED | PARTITIONS | FORMAT EQ identifier;
describeStatement: (DESCRIBE | DESC | EXPLAIN) tableName (identifier | textString)?;

tableMaintenanceStatement
  : verb=(ANALYZE | OPTIMIZE | REPAIR | CHECK | CHECKSUM) (NO_WRITE_TO_BINLOG | LOCAL)?
    (TABLE | TABLES) tableName (COMMA tableName)* maintenanceOption*
  ;
maintenanceOption: QUICK | EXTENDED | FOR identifier | identifier;

flushStatement: FLUSH (NO_WRITE_TO_BINLOG | LOCAL)? flushOption (COMMA flushOption)*;
flushOption
  : (TABLE | TABLES) (tableName (COMMA tableName)*)? (WITH READ LOCK | FOR identifier)?  # flushTables
  | (identifier | BINARY) (identifier | BINARY)*                                          # flushWords
  ;

killStatement: KILL (HARD | SOFT)? (CONNECTION | QUERY)? expr;

lockTablesStatement: LOCK (TABLE | TABLES) lockItem (COMMA lockItem)* lockWait?;
lockItem: tableName (AS? identifier)? lockType;
lockType
  : READ LOCAL?
  | LOW_PRIORITY? WRITE CONCURRENT?
  ;
unlockTablesStatement: UNLOCK (TABLE | TABLES);

savepointStatement: SAVEPOINT identifier;
releaseSavepointStatement: RELEASE SAVEPOINT identifier;

prepareStatement: PREPARE identifier FROM (textString | USER_VAR);
executeStatement: EXECUTE identifier (USING expr (COMMA expr)*)?;
deallocateStatement: (DEALLOCATE | DROP) PREPARE identifier;

// Tessera's own statements.
alterMigrationStatement
  : ALTER MIGRATION textString action=(CANCEL | RETRY | CUTOVER | FORCE_CUTOVER | COMPLETE | THROTTLE | UNTHROTTLE)
    (RATIO ratio=(INT_NUM | DECIMAL_NUM))?
  ;
revertMigrationStatement: REVERT MIGRATION textString;
vexplainStatement: VEXPLAIN PLAN statement;

// ---------------------------------------------------------------- session

useStatement: USE identifier;

setStatement
  : SET setAssignment (COMMA setAssignment)*                                   # setVariables
  | SET scope=(GLOBAL | SESSION | LOCAL)? TRANSACTION transactionCharacteristic
    (COMMA transactionCharacteristic)*                                          # setTransaction
  ;

setAssignment
  : USER_VAR (EQ | ASSIGN) expr                                                 # setUserVar
  | SYSTEM_VAR (EQ | ASSIGN) setValue                                           # setSystemVarAt
  | scope=(GLOBAL | SESSION | LOCAL) identifier (EQ | ASSIGN) setValue          # setScopedVar
  | NAMES (charsetName | DEFAULT) (COLLATE charsetName)?                        # setNames
  | charsetKeyword (charsetName | DEFAULT)                                      # setCharset
  | identifier (EQ | ASSIGN) setValue                                           # setPlainVar
  ;

setValue: expr | ON | ALL | BINARY;

transactionCharacteristic
  : ISOLATION LEVEL isolationLevel
  | READ WRITE
  | READ ONLY
  ;
isolationLevel: REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED | SERIALIZABLE;

beginStatement
  : BEGIN WORK?
  | START TRANSACTION (startTransactionOption (COMMA startTransactionOption)*)?
  ;
startTransactionOption: WITH CONSISTENT SNAPSHOT | READ ONLY | READ WRITE;

commitStatement: COMMIT WORK? completion?;
rollbackStatement
  : ROLLBACK WORK? TO SAVEPOINT? identifier
  | ROLLBACK WORK? completion?
  ;
// AND [NO] CHAIN, [NO] RELEASE
completion
  : AND NO? CHAIN (NO? RELEASE)?
  | NO? RELEASE
  ;

showStatement
  : SHOW FULL? TABLES (fromOrIn identifier)? showFilter?                        # showTables
  | SHOW (DATABASES | SCHEMAS) showFilter?                                       # showDatabases
  | SHOW TABLE STATUS (fromOrIn identifier)? showFilter?                         # showTableStatus
  | SHOW FULL? (COLUMNS | FIELDS) fromOrIn tableName (fromOrIn identifier)? showFilter?  # showColumns
  | SHOW (INDEX | INDEXES | KEYS) fromOrIn tableName (fromOrIn identifier)? (WHERE expr)?  # showIndex
  | SHOW CREATE TABLE tableName                                                  # showCreateTable
  | SHOW CREATE (DATABASE | SCHEMA) ifNotExists? identifier                      # showCreateDatabase
  | SHOW scope=(GLOBAL | SESSION | LOCAL)? VARIABLES showFilter?                 # showVariables
  | SHOW scope=(GLOBAL | SESSION | LOCAL)? STATUS showFilter?                    # showStatus
  | SHOW WARNINGS limitClause?                                                   # showWarnings
  | SHOW ERRORS limitClause?                                                     # showErrors
  | SHOW FULL? PROCESSLIST                                                       # showProcesslist
  | SHOW STORAGE? ENGINES                                                        # showEngines
  | SHOW CREATE VIEW tableName                                                   # showCreateView
  | SHOW CREATE routine=(PROCEDURE | FUNCTION) tableName                         # showCreateRoutine
  | SHOW GRANTS (FOR userName)?                                                  # showGrants
  | SHOW what=(TRIGGERS | EVENTS) (fromOrIn identifier)? showFilter?             # showTriggers
  | SHOW OPEN TABLES (fromOrIn identifier)? showFilter?                          # showOpenTables
  | SHOW routine=(PROCEDURE | FUNCTION) STATUS showFilter?                       # showRoutineStatus
  | SHOW what=(PLUGINS | PRIVILEGES)                                             # showPlugins
  | SHOW server=(MASTER | SLAVE | REPLICA) STATUS                                # showReplication
  | SHOW (BINARY | MASTER) LOGS                                                  # showBinaryLogs
  | SHOW identifier LPAREN STAR RPAREN what=(WARNINGS | ERRORS)                  # showCount
  | SHOW what=(KEYSPACES | SHARDS | TABLETS | BRANCHES)                          # showCluster
  | SHOW VSCHEMA TABLES                                                          # showVschemaTables
  | SHOW MIGRATIONS showFilter?                                                  # showMigrations
  | SHOW UNRESOLVED TRANSACTIONS (FOR identifier)?                               # showUnresolvedTransactions
  | SHOW charsetKeyword showFilter?                                              # showCharset
  | SHOW COLLATION showFilter?                                                   # showCollation
  ;
fromOrIn: FROM | IN;
showFilter: LIKE textString | WHERE expr;

// ---------------------------------------------------------------- expressions

expr
  : USER_VAR ASSIGN expr                              # assignExpr
  | NOT expr                                          # notExpr
  | expr (AND | LOGICAL_AND) expr                     # andExpr
  | expr XOR expr                                     # xorExpr
  | expr (OR | LOGICAL_OR) expr                       # orExpr
  | boolPrimary                                       # primaryExpr
  ;

boolPrimary
  : boolPrimary IS NOT? test=(NULL_ | TRUE_ | FALSE_ | UNKNOWN)   # isExpr
  | boolPrimary compOp quantifier=(ANY | SOME | ALL) LPAREN selectStatement RPAREN  # quantifiedExpr
  | boolPrimary compOp predicate                                  # comparisonExpr
  | predicate                                                     # predicateExpr
  ;

compOp: EQ | NULL_SAFE_EQ | NE | LT | LE | GT | GE;

// Left-factored: the operand is parsed once and the operator that follows
// picks the form, so prediction never looks ahead across the operand.
predicate: bitExpr predicateTail?;

predicateTail
  : NOT? IN LPAREN selectStatement RPAREN                 # inSubqueryTail
  | NOT? IN LPAREN expr (COMMA expr)* RPAREN              # inListTail
  | NOT? BETWEEN bitExpr AND predicate                    # betweenTail
  | NOT? LIKE bitExpr (ESCAPE simpleExpr)?                # likeTail
  | NOT? (REGEXP | RLIKE) bitExpr                         # regexpTail
  ;

bitExpr
  : bitExpr op=CARET bitExpr                                             # bitXorExpr
  | bitExpr op=(STAR | SLASH | DIV | PERCENT | MOD) bitExpr              # mulExpr
  | bitExpr op=(PLUS | MINUS) bitExpr                                    # addExpr
  | bitExpr op=(SHIFT_LEFT | SHIFT_RIGHT) bitExpr                        # shiftExpr
  | bitExpr op=AMP bitExpr                                               # bitAndExpr
  | bitExpr op=PIPE bitExpr                                              # bitOrExpr
  | simpleExpr                                                           # simpleBitExpr
  ;

simpleExpr
  : simpleExpr COLLATE charsetName                                       # collateExpr
  | simpleExpr op=(JSON_ARROW | JSON_UNQUOTE_ARROW) textString           # jsonExpr
  | op=(MINUS | PLUS | TILDE) simpleExpr                                 # unaryExpr
  | BANG simpleExpr                                                      # logicalNotExpr
  | BINARY simpleExpr                                                    # binaryExpr
  | literal                                                              # literalExpr
  | QUESTION                                                             # placeholderExpr
  | BIND_VAR                                                             # bindVarExpr
  | SYSTEM_VAR                                                           # systemVarExpr
  | USER_VAR                                                             # userVarExpr
  | functionCall                                                         # functionExpr
  | columnRef                                                            # columnExpr
  | LPAREN selectStatement RPAREN                                        # subqueryExpr
  | EXISTS LPAREN selectStatement RPAREN                                 # existsExpr
  | LPAREN expr (COMMA expr)* RPAREN                                     # parenExpr
  | CASE expr? caseWhen+ (ELSE expr)? END                                # caseExpr
  | INTERVAL expr identifier                                             # intervalExpr
  | DEFAULT (LPAREN identifier RPAREN)?                                  # defaultExpr
  | VALUES LPAREN identifier RPAREN                                      # valuesExpr
  | CAST LPAREN expr AS castType RPAREN                                  # castExpr
  | CONVERT LPAREN expr COMMA castType RPAREN                            # convertExpr
  | CONVERT LPAREN expr USING charsetName RPAREN                         # convertUsingExpr
  | EXTRACT LPAREN identifier FROM expr RPAREN                           # extractExpr
  | TRIM LPAREN trimArgs RPAREN                                          # trimExpr
  | name=(SUBSTRING | SUBSTR) LPAREN expr FROM expr (FOR expr)? RPAREN   # substringFromExpr
  | POSITION LPAREN bitExpr IN expr RPAREN                               # positionExpr
  | MATCH LPAREN columnRef (COMMA columnRef)* RPAREN
    AGAINST LPAREN bitExpr searchModifier? RPAREN                        # matchExpr
  ;

trimArgs
  : side=(LEADING | TRAILING | BOTH) remove=expr? FROM expr
  | remove=expr FROM expr
  | expr
  ;
searchModifier
  : IN NATURAL LANGUAGE MODE (WITH QUERY EXPANSION)?
  | IN BOOLEAN MODE
  | WITH QUERY EXPANSION
  ;

caseWhen: WHEN expr THEN expr;

castType: castWord castWord? (LPAREN INT_NUM (COMMA INT_NUM)? RPAREN)? (charsetKeyword charsetName)?;
castWord: identifier | BINARY | UNSIGNED;

functionCall
  : GROUP_CONCAT LPAREN DISTINCT? expr (COMMA expr)* orderByClause? (SEPARATOR textString)?
    limitClause? RPAREN                                                          # groupConcatCall
  | functionName LPAREN STAR RPAREN overClause?                                   # starCall
  // One alternative for every argument list, so that prediction decides on
  // the tokens before the arguments; USING (CHAR) and WITHIN GROUP are
  // checked by the transform.
  | functionName LPAREN (ALL | DISTINCT)? (expr (COMMA expr)*)? (USING charsetName)? RPAREN
    withinGroup? overClause?                                                     # plainCall
  | identifier DOT dotIdentifier LPAREN (expr (COMMA expr)*)? RPAREN            # qualifiedCall
  | name=(CURRENT_TIMESTAMP | CURRENT_DATE | CURRENT_TIME | LOCALTIME | LOCALTIMESTAMP | CURRENT_USER)
    (LPAREN INT_NUM? RPAREN)?                                                   # niladicCall
  ;

functionName
  : identifier | IF | LEFT | RIGHT | REPLACE | INSERT | MOD | DATABASE | SCHEMA | CHARSET | COLLATION
  | INTERVAL
  ;

withinGroup: WITHIN GROUP LPAREN orderByClause RPAREN;

overClause
  : OVER LPAREN windowSpec RPAREN
  | OVER identifier
  ;
windowSpec: (PARTITION BY expr (COMMA expr)*)? orderByClause? windowFrame?;
windowFrame
  : unit=(ROWS | RANGE) (frameBound | BETWEEN frameBound AND frameBound)
    (EXCLUDE (CURRENT ROW | GROUP | TIES | NO OTHERS))?
  ;
frameBound
  : UNBOUNDED (PRECEDING | FOLLOWING)
  | CURRENT ROW
  | bitExpr (PRECEDING | FOLLOWING)
  ;

literal
  : textString                   # stringLiteral
  | INT_NUM                      # intLiteral
  | DECIMAL_NUM                  # decimalLiteral
  | FLOAT_NUM                    # floatLiteral
  | HEX_STRING                   # hexStringLiteral
  | HEX_NUM                      # hexNumLiteral
  | BIT_STRING                   # bitStringLiteral
  | BIT_NUM                      # bitNumLiteral
  | TRUE_                        # trueLiteral
  | FALSE_                       # falseLiteral
  | NULL_                        # nullLiteral
  | kind=(DATE | TIME | TIMESTAMP) textString  # temporalLiteral
  | LBRACE identifier textString RBRACE        # odbcLiteral
  | INTRODUCER (HEX_STRING | BIT_STRING | HEX_NUM | BIT_NUM)  # introducedLiteral
  ;

textString
  : INTRODUCER? (SQ_STRING | DQ_STRING) (SQ_STRING | DQ_STRING)*
  | NATIONAL_STRING (SQ_STRING | DQ_STRING)*
  ;

// ---------------------------------------------------------------- names

columnRef: identifier (DOT dotIdentifier (DOT dotIdentifier)?)?;
tableName: identifier (DOT dotIdentifier)?;
identifierList: identifier (COMMA identifier)*;

identifier: ID | BQ_ID | nonReserved;
// After a dot MySQL accepts any word, reserved or not.
dotIdentifier: identifier | anyKeyword;

nonReserved
  : ACTION
  | AFTER
  | ALGORITHM
  | ALWAYS
  | AUTO_INCREMENT
  | BEGIN
  | BTREE
  | CASCADE
  | CAST
  | CHARSET
  | COLLATION
  | COLUMNS
  | COMMENT
  | COMMIT
  | COMMITTED
  | CONSISTENT
  | DATE
  | DUPLICATE
  | END
  | ENGINE
  | ENGINES
  | ERRORS
  | ESCAPE
  | FIELDS
  | FIRST
  | FULL
  | GENERATED
  | GLOBAL
  | GROUP_CONCAT
  | HASH
  | INDEXES
  | ISOLATION
  | LEVEL
  | LOCAL
  | LOCKED
  | MODE
  | MODIFY
  | NAMES
  | NO
  | NOWAIT
  | OFFSET
  | ONLY
  | OVER
  | PERSISTENT
  | PROCESSLIST
  | QUICK
  | RATIO
  | REPEATABLE
  | ROLLBACK
  | ROLLUP
  | SAVEPOINT
  | SERIALIZABLE
  | SESSION
  | SHARE
  | SIGNED
  | SKIP_
  | SNAPSHOT
  | START
  | STATUS
  | TABLES
  | TEMPORARY
  | TIME
  | TIMESTAMP
  | TRANSACTION
  | TRANSACTIONS
  | TRUNCATE
  | UNCOMMITTED
  | UNKNOWN
  | UNRESOLVED
  | VALUE
  | VARIABLES
  | WARNINGS
  | WORK
  | CHAIN
  | EXAMINED
  | EXCLUDE
  | FETCH
  | IMMEDIATE
  | NEXT
  | OTHERS
  | RETURNING
  | TIES
  | WAIT
  | WITHIN
  | AGAINST
  | ANY
  | BOOLEAN
  | BRANCHES
  | CANCEL
  | CASCADED
  | CHECKSUM
  | COMPLETE
  | CONCURRENT
  | CONNECTION
  | CURRENT
  | CUTOVER
  | FORCE_CUTOVER
  | DEALLOCATE
  | DEFINER
  | DISABLE
  | DO
  | DUMPFILE
  | ENABLE
  | EVENTS
  | EXECUTE
  | EXPANSION
  | EXTENDED
  | EXTRACT
  | FLUSH
  | FOLLOWING
  | FORMAT
  | FUNCTION
  | GRANTS
  | HARD
  | INVISIBLE
  | INVOKER
  | KEYSPACES
  | LANGUAGE
  | LOGS
  | MASTER
  | MERGE
  | MIGRATION
  | MIGRATIONS
  | NATIONAL
  | OPEN
  | OPTION_
  | OUTFILE
  | PARTITIONS
  | PLAN
  | PLUGINS
  | POSITION
  | PRECEDING
  | PRECISION
  | PREPARE
  | PRIVILEGES
  | PROCEDURE
  | QUERY
  | REPAIR
  | REPLICA
  | RETRY
  | REVERT
  | ROW
  | ROWS
  | SECURITY
  | SHARDS
  | SLAVE
  | SOFT
  | SOME
  | STORAGE
  | SUBSTR
  | SUBSTRING
  | TABLETS
  | TEMPTABLE
  | THROTTLE
  | TRIGGERS
  | TRIM
  | UNBOUNDED
  | UNDEFINED
  | UNTHROTTLE
  | VARYING
  | VEXPLAIN
  | VIEW
  | VSCHEMA
  | WINDOW
  ;

anyKeyword
  : nonReserved
  | ADD
  | ALL
  | ALTER
  | AND
  | AS
  | ASC
  | BETWEEN
  | BINARY
  | BY
  | CASE
  | CHANGE
  | CHARACTER
  | CHECK
  | COLLATE
  | COLUMN
  | CONSTRAINT
  | CONVERT
  | CREATE
  | CROSS
  | CURRENT_DATE
  | CURRENT_TIME
  | CURRENT_TIMESTAMP
  | CURRENT_USER
  | DATABASE
  | DATABASES
  | DEFAULT
  | DELAYED
  | DELETE
  | DESC
  | DISTINCT
  | DISTINCTROW
  | DIV
  | DROP
  | DUAL
  | ELSE
  | EXCEPT
  | EXISTS
  | FALSE_
  | FOR
  | FORCE
  | FOREIGN
  | FROM
  | FULLTEXT
  | GROUP
  | HAVING
  | HIGH_PRIORITY
  | IF
  | IGNORE
  | IN
  | INDEX
  | INNER
  | INSERT
  | INTERSECT
  | INTERVAL
  | INTO
  | IS
  | JOIN
  | KEY
  | KEYS
  | LEFT
  | LIKE
  | LIMIT
  | LOCALTIME
  | LOCALTIMESTAMP
  | LOCK
  | LOW_PRIORITY
  | MOD
  | NATURAL
  | NOT
  | NULL_
  | ON
  | OR
  | ORDER
  | OUTER
  | PARTITION
  | PRIMARY
  | READ
  | RECURSIVE
  | REFERENCES
  | REGEXP
  | RENAME
  | REPLACE
  | RESTRICT
  | RIGHT
  | RLIKE
  | SCHEMA
  | SCHEMAS
  | SELECT
  | SEPARATOR
  | SET
  | SHOW
  | SPATIAL
  | SQL_BIG_RESULT
  | SQL_BUFFER_RESULT
  | SQL_CACHE
  | SQL_CALC_FOUND_ROWS
  | SQL_NO_CACHE
  | SQL_SMALL_RESULT
  | STORED
  | STRAIGHT_JOIN
  | TABLE
  | THEN
  | TO
  | TRUE_
  | UNION
  | UNIQUE
  | UNSIGNED
  | UPDATE
  | USE
  | USING
  | VALUES
  | VIRTUAL
  | WHEN
  | WHERE
  | WITH
  | WRITE
  | XOR
  | ZEROFILL
  | LONG
  | ANALYZE
  | BOTH
  | CALL
  | DESCRIBE
  | EXPLAIN
  | KILL
  | LEADING
  | MATCH
  | NO_WRITE_TO_BINLOG
  | OPTIMIZE
  | RANGE
  | RELEASE
  | SQL_
  | TRAILING
  | UNLOCK
  ;
