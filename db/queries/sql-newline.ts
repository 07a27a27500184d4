/**
 * A newline as an SQL string literal, the separator of the LF-joined lists some statements
 * aggregate. SQLite's char(10) is not PostgreSQL's chr(10); the JS escape puts the character
 * itself between the quotes, which both read as it is.
 */
export const SQL_NEWLINE = "'\n'";
